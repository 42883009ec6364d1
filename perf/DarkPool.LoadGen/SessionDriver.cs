using System.Diagnostics;
using DarkPool.Gateway.V1;
using DarkPool.Protocol.Client;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;
using Google.Protobuf;
using Grpc.Core;
using HdrHistogram;

/// <summary>
/// One session of the unary load: its requests go one at a time in sequence order (the enclave requires it). The pacer
/// marks each request due at its planned time; an idle session sends it at once, a busy one right after the request it
/// has in flight, so a session that falls behind sends late and its lateness is in the latency (from the planned time).
/// Mix: three limit orders (a quarter IOC) around 1,000, then a cancel of a recent one.
/// </summary>
internal sealed class SessionDriver(ClientSession session, Requests.RequestsClient requests, int index, int sessions, double rate, long start, long measureFrom)
{
    private const long HistogramMax = 3_600_000_000_000L;
    private readonly Random _random = new(index);
    private readonly byte[] _envelope = new byte[EnvelopeLayout.StandardEnvelopeSize];
    private readonly double _ticksPerItem = Stopwatch.Frequency / rate;
    private Task _running = Task.CompletedTask;
    private int _backlog;
    private long _next;
    private long _order = 1;

    public LongHistogram Latency { get; } = new(HistogramMax, 3);

    public long Ok { get; private set; }

    public long Failed { get; private set; }

    public Dictionary<StatusCode, int> Failures { get; } = [];

    /// <summary>Completes when every request marked due so far has been answered (read after the pacer has stopped).</summary>
    public Task Drained => Volatile.Read(ref _running);

    /// <summary>Called by the pacer thread only.</summary>
    public void Due()
    {
        if (Interlocked.Increment(ref _backlog) == 1)
        {
            Volatile.Write(ref _running, Task.Run(DrainAsync));
        }
    }

    private async Task DrainAsync()
    {
        do
        {
            long i = _next++;
            long planned = start + (long)(((i * sessions) + index) * _ticksPerItem);
            await SendAsync(i, planned).ConfigureAwait(false);
        }
        while (Interlocked.Decrement(ref _backlog) > 0);
    }

    private async Task SendAsync(long i, long planned)
    {
        long expires = DateTimeOffset.UtcNow.AddSeconds(30).ToUnixTimeMilliseconds();
        if (i % 4 == 3)
        {
            _ = session.SealRequest((ulong)i + 1, expires, new CancelOrder { Market = 1, ClientOrderId = Math.Max(1, _order - _random.Next(1, 8)) }, _envelope);
        }
        else
        {
            _ = session.SealRequest((ulong)i + 1, expires, new PlaceOrder
            {
                Market = 1, ClientOrderId = _order++, Side = _random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell, Type = OrderKind.Limit,
                TimeInForce = _random.Next(4) == 0 ? OrderTimeInForce.Ioc : OrderTimeInForce.Gtc, Price = _random.Next(990, 1011), Quantity = _random.Next(1, 10),
            }, _envelope);
        }

        bool success;
        try
        {
            _ = await requests.SubmitAsync(new SealedRequest { Envelope = ByteString.CopyFrom(_envelope) }).ConfigureAwait(false);
            success = true;
        }
        catch (RpcException e)
        {
            success = false;
            if (planned >= measureFrom)
            {
                Failures[e.StatusCode] = Failures.GetValueOrDefault(e.StatusCode) + 1;
            }

            string reason = e.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Reason ?? "";
            if (reason is "ENCLAVE_BUSY" or "RATE_LIMITED")
            {
                session.RewindRequestSequence(session.NextRequestSequence - 1);
            }
        }

        if (planned >= measureFrom)
        {
            // Latency of durable answers only: a fast refusal is not an acknowledgement.
            if (success)
            {
                Ok++;
                Latency.RecordValue(Math.Clamp((long)((Stopwatch.GetTimestamp() - planned) * (1_000_000_000.0 / Stopwatch.Frequency)), 1, HistogramMax));
            }
            else
            {
                Failed++;
            }
        }
    }
}
