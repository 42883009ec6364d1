using System.Diagnostics;
using System.Globalization;
using DarkPool.Perf.V1;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

/// <summary>
/// The transport's own ceiling, measured by the same generator as the sealed loads (<c>--mode echo</c>: unary calls,
/// paced open loop by as many drivers as the unary load has sessions; <c>--mode echo-stream</c>: bidirectional streams
/// with a window of messages in flight, as fast as the window allows). The server answers each message with its payload
/// and does nothing else. Read the sealed path's rate against this one, measured in the same hour on the same machine.
/// </summary>
internal static class EchoLoad
{
    /// <summary>The service: each payload straight back.</summary>
    public sealed class Service : Echo.EchoBase
    {
        public override Task<EchoMessage> Unary(EchoMessage request, ServerCallContext context) => Task.FromResult(request);

        public override async Task Stream(IAsyncStreamReader<EchoMessage> requestStream, IServerStreamWriter<EchoMessage> responseStream, ServerCallContext context)
        {
            while (await requestStream.MoveNext(context.CancellationToken).ConfigureAwait(false))
            {
                await responseStream.WriteAsync(requestStream.Current, context.CancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The generator of either mode, against the server at the channels' address.</summary>
    public static async Task RunAsync(GrpcChannel[] channels, Dictionary<string, string> options, double rate, int seconds, int warmup, int sessions, Action<string>? onWindow)
    {
        int size = int.Parse(options.GetValueOrDefault("payload", "320"), CultureInfo.InvariantCulture);
        ByteString payload = ByteString.CopyFrom(new byte[size]);
        if (options.GetValueOrDefault("mode") == "echo-stream")
        {
            int streams = int.Parse(options.GetValueOrDefault("streams", "8"), CultureInfo.InvariantCulture);
            int window = int.Parse(options.GetValueOrDefault("window", "64"), CultureInfo.InvariantCulture);
            await RunStreamsAsync(channels, payload, streams, window, seconds, warmup, onWindow).ConfigureAwait(false);
            return;
        }

        LeanGrpcConnection[]? lean = LoadClients.Lean(options)
            ? await LoadClients.LeanConnectionsAsync(channels).ConfigureAwait(false)
            : null;
        var schedule = new UnaryLoad.PacedSchedule(warmup, seconds);
        var drivers = new PacedDriver[sessions];
        for (int s = 0; s < sessions; s++)
        {
            drivers[s] = new UnaryDriver(new Echo.EchoClient(channels[s % channels.Length]), lean?[s % lean.Length], payload, s, sessions, rate, schedule.Start, schedule.MeasureFrom);
        }

        await UnaryLoad.RunPacedAsync(drivers, schedule, rate, LoadClients.Flag(options, "alloc-sample"), onWindow, "echo answers").ConfigureAwait(false);
    }

    private static async Task RunStreamsAsync(GrpcChannel[] channels, ByteString payload, int streams, int window, int seconds, int warmup, Action<string>? onWindow)
    {
        long measureFrom = Stopwatch.GetTimestamp() + (long)(warmup * (double)Stopwatch.Frequency);
        long end = measureFrom + (long)(seconds * (double)Stopwatch.Frequency);
        long counted = 0;
        using (MeasuredWindow measured = MeasuredWindow.Start(measureFrom, () => onWindow?.Invoke(LoadClients.WindowOpened)))
        {
            long[] answered = await Task.WhenAll(Enumerable.Range(0, streams).Select(s =>
                RunStreamAsync(new Echo.EchoClient(channels[s % channels.Length]), payload, window, measureFrom, end))).ConfigureAwait(false);
            counted = answered.Sum();
            onWindow?.Invoke(LoadClients.WindowClosed + counted.ToString(CultureInfo.InvariantCulture));
            measured.Report(counted, onWindow is null ? "process (server and generator)" : "generator process");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"echo stream messages answered: {counted:N0} in {seconds} s = {counted / (double)seconds:N0}/s ({streams} streams, {window} in flight each, {payload.Length} B)"));
    }

    /// <summary>One stream: keeps <paramref name="window"/> messages in flight until <paramref name="end"/>; answers counted from <paramref name="measureFrom"/>.</summary>
    private static async Task<long> RunStreamAsync(Echo.EchoClient client, ByteString payload, int window, long measureFrom, long end)
    {
        using AsyncDuplexStreamingCall<EchoMessage, EchoMessage> call = client.Stream();
        var credits = new SemaphoreSlim(window, window);
        var message = new EchoMessage { Payload = payload };
        long counted = 0;
        Task reading = Task.Run(async () =>
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None).ConfigureAwait(false))
            {
                long now = Stopwatch.GetTimestamp();
                if (now >= measureFrom && now < end)
                {
                    counted++;
                }

                _ = credits.Release();
            }
        });

        while (Stopwatch.GetTimestamp() < end)
        {
            await credits.WaitAsync().ConfigureAwait(false);
            await call.RequestStream.WriteAsync(message).ConfigureAwait(false);
        }

        await call.RequestStream.CompleteAsync().ConfigureAwait(false);
        await reading.ConfigureAwait(false);
        return counted;
    }

    /// <summary>One paced sender of unary echo calls.</summary>
    private sealed class UnaryDriver(Echo.EchoClient client, LeanGrpcConnection? lean, ByteString payload, int index, int drivers, double rate, long start, long measureFrom)
        : PacedDriver(index, drivers, rate, start, measureFrom)
    {
        protected override async Task<StatusCode?> SendAsync(long i)
        {
            var request = new EchoMessage { Payload = payload };
            try
            {
                if (lean is not null)
                {
                    (StatusCode status, byte[] response) = await lean.CallAsync("/darkpool.perf.v1.Echo/Unary", request).ConfigureAwait(false);
                    return status != StatusCode.OK ? status : EchoMessage.Parser.ParseFrom(response).Payload.Length == payload.Length ? null : StatusCode.DataLoss;
                }

                EchoMessage answer = await client.UnaryAsync(request).ConfigureAwait(false);
                return answer.Payload.Length == payload.Length ? null : StatusCode.DataLoss;
            }
            catch (RpcException e)
            {
                return e.StatusCode;
            }
        }
    }
}
