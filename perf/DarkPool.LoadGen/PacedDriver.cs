using System.Diagnostics;
using DarkPool.Gateway.V1;
using DarkPool.Protocol.Client;
using Google.Protobuf;
using Grpc.Core;
using HdrHistogram;

/// <summary>
/// One sender of an open-loop unary load: its requests go one at a time, in order. The pacer marks each request due at
/// its planned time; an idle driver sends it at once, a busy one right after the request it has in flight, so a driver
/// that falls behind sends late and its lateness is in the latency (measured from the planned time).
/// </summary>
internal abstract class PacedDriver(int index, int drivers, double rate, long start, long measureFrom)
{
    private const long HistogramMax = PacedTotals.HistogramMax;
    private readonly double _ticksPerItem = Stopwatch.Frequency / rate;
    private Task _running = Task.CompletedTask;
    private int _backlog;
    private long _next;
    private PacedTotals _recorded = null!; // the run's, set by PaceAsync before any request is due

    public long Ok { get; private set; }

    public long Failed { get; private set; }

    public Dictionary<StatusCode, int> Failures { get; } = [];

    /// <summary>Where each answer of the measured window is also counted per second (<c>--timeline 1</c>); set before the run starts.</summary>
    public SecondCounts? Timeline { get; set; }

    /// <summary>Completes when every request marked due so far has been answered (read after the pacer has stopped).</summary>
    public Task Drained => Volatile.Read(ref _running);

    /// <summary>
    /// Called by the pacer thread only. An idle driver starts sending on the pacer's thread (sealing and handing the
    /// request to the transport, up to its first wait), which saves a thread-pool hop per request; the rest runs where
    /// the answer arrives.
    /// </summary>
    public void Due()
    {
        if (Interlocked.Increment(ref _backlog) == 1)
        {
            Volatile.Write(ref _running, DrainAsync());
        }
    }

    /// <summary>
    /// Paces <paramref name="drivers"/> from <paramref name="start"/> to <paramref name="end"/> at <paramref name="rate"/>
    /// in all: one thread walks the whole schedule in time order (request k is planned at start + k / rate and belongs to
    /// driver k % drivers) and hands each due request to its driver, which sends it now if idle or right after the one it
    /// has in flight; no timer per request, and no request is sent before its planned time. Completes when every request
    /// has been answered, with what they answered. The drivers record latencies into the one pair of histograms of the
    /// returned totals, not a pair each: 512 drivers' own histograms were 256 MB of counts, each answer a cache and TLB
    /// miss (12% of the generator's reader threads at 14,700 answers/s).
    /// </summary>
    public static async Task<PacedTotals> PaceAsync(PacedDriver[] drivers, long start, double rate, long end)
    {
        var totals = new PacedTotals();
        if (drivers.Length == 0 || rate <= 0)
        {
            return totals;
        }

        foreach (PacedDriver d in drivers)
        {
            d._recorded = totals;
        }

        var paced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pacer = new Thread(() =>
        {
            try
            {
                // The lean client's calls queued by one tick's due drivers leave together, before the pacer sleeps.
                LeanGrpcConnection.DeferSendsOnThisThread();
                OpenLoopPacer.Run(start, rate, end, k => drivers[k % drivers.Length].Due(), LeanGrpcConnection.FlushDeferred);
                paced.SetResult();
            }
            catch (Exception e)
            {
                paced.SetException(e);
            }
        }) { IsBackground = true, Name = "loadgen-pacer" };
        pacer.Start();
        await paced.Task.ConfigureAwait(false);
        await Task.WhenAll(drivers.Select(d => d.Drained)).ConfigureAwait(false);
        foreach (PacedDriver d in drivers)
        {
            totals.Ok += d.Ok;
            totals.Failed += d.Failed;
            foreach ((StatusCode code, int n) in d.Failures)
            {
                totals.Failures[code] = totals.Failures.GetValueOrDefault(code) + n;
            }
        }

        return totals;
    }

    /// <summary>Sends this driver's <paramref name="i"/>-th request and waits for its answer: null when answered, else the failure's status.</summary>
    protected abstract Task<StatusCode?> SendAsync(long i);

    /// <summary>
    /// Submits a sealed envelope: null when answered, else the failure's status; a request the enclave did not consume
    /// (busy, rate limited) gives its sequence number back to the session, so the next request reuses it.
    /// </summary>
    protected static async Task<StatusCode?> SubmitAsync(ClientSession session, ISubmitter requests, byte[] envelope)
    {
        if (await requests.SubmitAsync(new SealedRequest { Envelope = ByteString.CopyFrom(envelope) }).ConfigureAwait(false) is not { } failure)
        {
            return null;
        }

        if (failure.Rewind)
        {
            session.RewindRequestSequence(session.NextRequestSequence - 1);
        }

        return failure.Status;
    }

    private async Task DrainAsync()
    {
        do
        {
            long i = _next++;
            long planned = start + (long)(((i * drivers) + index) * _ticksPerItem);
            long sending = Stopwatch.GetTimestamp();
            StatusCode? failure = await SendAsync(i).ConfigureAwait(false);
            if (planned < measureFrom)
            {
                continue;
            }

            _recorded.Lateness.RecordValue(Math.Clamp((long)((sending - planned) * (1_000_000_000.0 / Stopwatch.Frequency)), 1, HistogramMax));

            if (failure is { } code)
            {
                // A fast refusal is not an answer: only answered requests have a latency.
                Failed++;
                Failures[code] = Failures.GetValueOrDefault(code) + 1;
            }
            else
            {
                Ok++;
                long latency = Math.Clamp((long)((Stopwatch.GetTimestamp() - planned) * (1_000_000_000.0 / Stopwatch.Frequency)), 1, HistogramMax);
                _recorded.Latency.RecordValue(latency);
                Timeline?.Record((planned - measureFrom) / Stopwatch.Frequency, latency);
            }
        }
        while (Interlocked.Decrement(ref _backlog) > 0);
    }
}

/// <summary>What a set of paced drivers answered (<see cref="PacedDriver.PaceAsync"/>).</summary>
internal sealed class PacedTotals
{
    /// <summary>The largest latency recorded: an hour, in nanoseconds.</summary>
    public const long HistogramMax = 3_600_000_000_000L;

    /// <summary>From each answered request's planned time to its answer (many drivers record at once).</summary>
    public HistogramBase Latency { get; } = new LongConcurrentHistogram(1, HistogramMax, 3);

    /// <summary>
    /// From each measured request's planned time to its send starting: the pacer's lateness, and for a driver with a
    /// backlog the wait for its previous answer (one request at a time).
    /// </summary>
    public HistogramBase Lateness { get; } = new LongConcurrentHistogram(1, HistogramMax, 3);

    public long Ok { get; set; }

    public long Failed { get; set; }

    public Dictionary<StatusCode, int> Failures { get; } = [];

    /// <summary>The failures as "STATUS=count, ..." (empty when none).</summary>
    public string FailuresText => string.Join(", ", Failures.Select(f => $"{f.Key}={f.Value}"));
}
