using System.Diagnostics;
using System.Globalization;
using DarkPool.Gateway.V1;
using DarkPool.Protocol.Accounts;
using DarkPool.Protocol.Client;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using HdrHistogram;

/// <summary>
/// --mode mm: market makers cancel-replace their quotes continuously over Requests.Stream, one per request or K per mass
/// quote (--quotes-per-request), as fast as the window allows or paced open-loop at --quote-rate (quote updates/s), while
/// takers send orders by unary Submit at --taker-rate, open loop.
/// Reports quote updates per second (cancel-replaces answered) and the takers' ack latency from the planned send time.
/// </summary>
internal static class MarketMakerLoad
{
    private const long HistogramMax = 3_600_000_000_000L;

    public static async Task RunAsync(
        GrpcChannel[] channels, Dictionary<string, string> options, int warmup, int seconds, Func<AccountAddress, Task>? fund, IReadOnlyList<byte[]>? privateKeys,
        Action<string>? onWindow)
    {
        int makers = Int(options, "makers", 4);
        int window = Int(options, "window", 256);
        int perRequest = Int(options, "quotes-per-request", 1);
        if (perRequest is < 1 or > BatchCancelReplace.MaxQuotes)
        {
            throw new ArgumentException($"--quotes-per-request must be 1 to {BatchCancelReplace.MaxQuotes}.");
        }

        double quoteRate = double.Parse(options.GetValueOrDefault("quote-rate", "0"), CultureInfo.InvariantCulture);
        int takerCount = Int(options, "takers", 32);
        double takerRate = double.Parse(options.GetValueOrDefault("taker-rate", "1000"), CultureInfo.InvariantCulture);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"market makers: {makers} streams, window {window}, {perRequest} quote(s) per request{(perRequest > 1 ? " (mass quote)" : "")}, {(quoteRate > 0 ? $"paced at {quoteRate:N0} quote updates/s" : "as fast as possible")}; takers: {takerCount} sessions at {takerRate:N0}/s"));

        var makerSessions = new ClientSession[makers];
        for (int m = 0; m < makers; m++)
        {
            makerSessions[m] = await LoadClients.OpenSessionAsync(channels[m % channels.Length], fund, privateKeys?[m]).ConfigureAwait(false);
        }

        // --taker-connections N: the takers on N HTTP/2 connections of their own, as separate clients would be, instead of
        // sharing the makers' connections (and waiting behind their stream frames in both directions).
        int takerConnections = Int(options, "taker-connections", 0);
        GrpcChannel[] takerChannels = takerConnections > 0 ? LoadClients.Channels($"http://{channels[0].Target}", takerConnections) : channels;
        int takerOffset = takerConnections > 0 ? 0 : makers;
        var takerSessions = new ClientSession[takerCount];
        for (int t = 0; t < takerCount; t++)
        {
            takerSessions[t] = await LoadClients.OpenSessionAsync(takerChannels[(takerOffset + t) % takerChannels.Length], fund, privateKeys?[makers + t]).ConfigureAwait(false);
        }

        long start = Stopwatch.GetTimestamp() + Stopwatch.Frequency;
        long measureFrom = start + (long)(warmup * (double)Stopwatch.Frequency);
        long end = measureFrom + (long)(seconds * (double)Stopwatch.Frequency);
        var quotes = new Counters();
        var checks = new QuoteChecks();
        SecondCounts? quoteSeconds = LoadClients.Flag(options, "timeline") ? new SecondCounts(seconds) : null;
        SecondCounts? takerSeconds = quoteSeconds is null ? null : new SecondCounts(seconds);
        var quoteLatency = new LongHistogram(HistogramMax, 3);
        var takers = new TakerDriver[takerSessions.Length];
        for (int t = 0; t < takers.Length; t++)
        {
            takers[t] = new TakerDriver(takerSessions[t], new GrpcSubmitter(new Requests.RequestsClient(takerChannels[(takerOffset + t) % takerChannels.Length])), t, takers.Length, takerRate, start, measureFrom)
            {
                Timeline = takerSeconds,
            };
        }

        // The takers are paced like the unary load (PacedDriver.PaceAsync: one thread hands each order to its taker at its
        // planned time, never before it); before, each taker awaited Task.Delay, whose continuation queued behind the
        // makers' stream work in the thread pool (its lateness, p99 4.7 ms, was part of the takers' latency) and which
        // sent an order up to 1 ms early when less than a millisecond remained.
        Task[] running =
        [
            .. Enumerable.Range(0, makers).Select(m => Task.Run(() => QuoteAsync(
                makerSessions[m], channels[m % channels.Length], m, window, perRequest, quoteRate > 0 ? makers * perRequest / quoteRate : 0, start, measureFrom, end,
                quotes, checks, quoteLatency, quoteSeconds))),
        ];
        using MeasuredWindow measured = MeasuredWindow.Start(measureFrom, () => onWindow?.Invoke(LoadClients.WindowOpened));
        Task<PacedTotals> takersPaced = PacedDriver.PaceAsync(takers, start, takerRate, end);
        await Task.WhenAll([.. running, takersPaced]).ConfigureAwait(false);
        PacedTotals takerTotals = await takersPaced.ConfigureAwait(false);

        onWindow?.Invoke(LoadClients.WindowClosed + (quotes.Ok + takerTotals.Ok).ToString(CultureInfo.InvariantCulture));
        measured.Report(quotes.Ok + takerTotals.Ok, onWindow is null ? "process (server and generator)" : "generator process");
        double measuredSeconds = seconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"quote updates (cancel-replaces answered and replaced): {quotes.Ok:N0} in {measuredSeconds:F1} s = {quotes.Ok / measuredSeconds:N0}/s; refused {quotes.Failed:N0} {quotes.Reasons}"));
        Console.WriteLine(checks.Summary);
        if (quoteRate > 0)
        {
            Console.WriteLine($"quote ack latency from planned send: {Percentiles(quoteLatency)}");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"taker durable answers: {takerTotals.Ok:N0} = {takerTotals.Ok / measuredSeconds:N0}/s (offered {takerRate:N0}/s); failed {takerTotals.Failed:N0} {takerTotals.FailuresText}"));
        Console.WriteLine($"taker ack latency from planned send: {Percentiles(takerTotals.Latency)}");
        Console.WriteLine($"taker send lateness (planned send to the order's sealing: the pacer's lateness, and a taker still waiting for its previous answer): {Percentiles(takerTotals.Lateness)}");
        if (quoteSeconds is not null && takerSeconds is not null)
        {
            for (int second = 0; second < seconds; second++)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  second {second,3}: quote requests {quoteSeconds.Line(second)}; takers {takerSeconds.Line(second)}"));
            }
        }
    }

    /// <summary>
    /// One maker: K bids (K = --quotes-per-request, 1 to 15) kept in one price band, each update moving all K by
    /// cancel-replace: one <see cref="CancelReplace"/> per request when K is 1, a mass quote (<see cref="BatchCancelReplace"/>,
    /// bulk envelope) otherwise; many requests in flight. Every answer is opened and each quote counts only if its
    /// result says replaced (a session that had events before its stream cannot be followed and is reported as such).
    /// </summary>
    private static async Task QuoteAsync(
        ClientSession session, GrpcChannel channel, int maker, int window, int perRequest, double interval, long start, long measureFrom, long end,
        Counters counts, QuoteChecks checks, LongHistogram latency, SecondCounts? timeline)
    {
        using AsyncDuplexStreamingCall<SealedRequest, StreamReply> call = new Requests.RequestsClient(channel).Stream();
        using var room = new SemaphoreSlim(window, window);
        var planned = new long[window];
        long sent = 0;
        var local = new LongHistogram(HistogramMax, 3);
        Task reading = Task.Run(async () =>
        {
            bool following = true;
            for (long answered = 0; await call.ResponseStream.MoveNext().ConfigureAwait(false); answered++)
            {
                long done = Stopwatch.GetTimestamp();
                StreamReply reply = call.ResponseStream.Current;
                long plannedAt = planned[answered % window];
                _ = room.Release();
                int replaced = following ? Replaced(session, reply, ref following) : -1;
                if (answered == 0)
                {
                    continue; // the initial placement, not a quote update
                }

                if (plannedAt < measureFrom)
                {
                    continue;
                }

                if (reply.RefusalCode == 0)
                {
                    // The headline counts quotes whose answer said replaced, not requests answered: a broken chain
                    // (cancels of unknown orders, nothing placed) is cheaper work and must not count as updates.
                    checks.Record(replaced, perRequest);
                    counts.Success(Math.Max(replaced, 0));
                    long nanoseconds = Math.Clamp((long)((done - plannedAt) * (1e9 / Stopwatch.Frequency)), 1, HistogramMax);
                    local.RecordValue(nanoseconds);
                    timeline?.Record((plannedAt - measureFrom) / Stopwatch.Frequency, nanoseconds);
                }
                else
                {
                    counts.Failure(reply.RefusalReason);
                }
            }
        });

        var random = new Random(maker);
        var envelope = new byte[EnvelopeLayout.BulkEnvelopeSize];
        var quotes = new CancelReplace[perRequest];
        for (long i = 0; ; i++)
        {
            long at = interval > 0 ? start + (long)(((i * interval) + (maker * interval / 4)) * Stopwatch.Frequency) : Stopwatch.GetTimestamp();
            if (at >= end)
            {
                break;
            }

            if (interval > 0)
            {
                long wait = at - Stopwatch.GetTimestamp();
                if (wait > Stopwatch.Frequency / 1000)
                {
                    await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency)).ConfigureAwait(false);
                }
            }

            await room.WaitAsync().ConfigureAwait(false);
            planned[sent % window] = at;
            sent++;
            long expires = DateTimeOffset.UtcNow.AddSeconds(30).ToUnixTimeMilliseconds();
            for (int level = 0; level < perRequest; level++)
            {
                // Far below the takers' band: quotes rest, so every cancel finds its order and the chain never breaks.
                // Request i moves level l from client order id (i - 1) * K + l + 1 to i * K + l + 1.
                quotes[level] = CancelReplace.Of((((i - 1) * perRequest) + level + 1), new PlaceOrder
                {
                    Market = 1, ClientOrderId = (i * perRequest) + level + 1, Side = OrderSide.Buy, Type = OrderKind.Limit,
                    Price = 880 + level + random.Next(0, 10), Quantity = 1 + random.Next(0, 5), PostOnly = true,
                });
            }

            int length = (i, perRequest) switch
            {
                (0, 1) => session.SealRequest(1, expires, quotes[0].NewOrder, envelope),
                (0, _) => session.SealRequest(1, expires, new BatchPlace { Orders = [.. quotes.Select(q => q.NewOrder)] }, envelope),
                (_, 1) => session.SealRequest((ulong)i + 1, expires, quotes[0], envelope),
                _ => session.SealRequest((ulong)i + 1, expires, new BatchCancelReplace { Quotes = quotes }, envelope),
            };
            await call.RequestStream.WriteAsync(new SealedRequest { Envelope = ByteString.CopyFrom(envelope, 0, length) }).ConfigureAwait(false);
        }

        await call.RequestStream.CompleteAsync().ConfigureAwait(false);
        await reading.ConfigureAwait(false);
        lock (latency)
        {
            latency.Add(local);
        }
    }

    /// <summary>
    /// Opens a reply's envelopes in order and returns how many of its quotes were replaced (0 for the initial placement);
    /// -1, and no more following, when the session's sequence cannot be followed.
    /// </summary>
    private static int Replaced(ClientSession session, StreamReply reply, ref bool following)
    {
        int replaced = -1;
        foreach (ByteString envelope in reply.Envelopes)
        {
            if (!session.TryOpenResponse(envelope.Span, out DecodedResponse response, out _))
            {
                following = false;
                return -1;
            }

            replaced = replaced >= 0 ? replaced : response.Kind switch
            {
                ResponseKind.BatchCancelReplaced => response.BatchCancelReplaced.Results!.Count(r => r.Replaced),
                ResponseKind.CancelReplaced => response.CancelReplaced.Replaced ? 1 : 0,
                _ => 0,
            };
        }

        return replaced;
    }

    /// <summary>How many sessions a run opens: the market makers, then the takers.</summary>
    public static int Sessions(Dictionary<string, string> options) => Int(options, "makers", 4) + Int(options, "takers", 32);

    /// <summary>The generator process of <c>--mode mm --generator process</c>: funded accounts' keys from the file.</summary>
    public static Task<int> RunGeneratorProcessAsync(string address, Dictionary<string, string> options, int warmup, int seconds, int connections) =>
        LoadClients.RunGeneratorAsync(address, options, connections, (channels, keys, onWindow) => RunAsync(channels, options, warmup, seconds, fund: null, keys, onWindow));

    private static int Int(Dictionary<string, string> options, string name, int fallback) =>
        int.Parse(options.GetValueOrDefault(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    private static string Percentiles(HistogramBase h) => h.TotalCount == 0 ? "no samples" : string.Create(CultureInfo.InvariantCulture,
        $"p50 {Ms(h, 50)} ms, p90 {Ms(h, 90)} ms, p99 {Ms(h, 99)} ms, p99.9 {Ms(h, 99.9)} ms, max {h.GetMaxValue() / 1e6:F2} ms");

    private static string Ms(HistogramBase h, double p) => (h.GetValueAtPercentile(p) / 1e6).ToString("F2", CultureInfo.InvariantCulture);

    /// <summary>Successes and failures by reason, from many threads.</summary>
    private sealed class Counters
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _reasons = new(StringComparer.Ordinal);
        private long _ok;
        private long _failed;

        public long Ok => Interlocked.Read(ref _ok);

        public long Failed => Interlocked.Read(ref _failed);

        public string Reasons => string.Join(", ", _reasons.Select(r => $"{r.Key}={r.Value}"));

        public void Success(long count = 1) => Interlocked.Add(ref _ok, count);

        public void Failure(string reason)
        {
            _ = Interlocked.Increment(ref _failed);
            _ = _reasons.AddOrUpdate(reason, 1, (_, n) => n + 1);
        }
    }

    /// <summary>What the opened answers said: quotes replaced, quotes answered but not replaced, quotes not followed.</summary>
    private sealed class QuoteChecks
    {
        private long _replaced;
        private long _notReplaced;
        private long _unchecked;

        public string Summary => string.Create(CultureInfo.InvariantCulture,
            $"quote answers opened: {Interlocked.Read(ref _replaced):N0} replaced, {Interlocked.Read(ref _notReplaced):N0} not replaced, {Interlocked.Read(ref _unchecked):N0} not followed (session had earlier events)");

        public void Record(int replaced, int of)
        {
            if (replaced < 0)
            {
                _ = Interlocked.Add(ref _unchecked, of);
                return;
            }

            _ = Interlocked.Add(ref _replaced, replaced);
            _ = Interlocked.Add(ref _notReplaced, of - replaced);
        }
    }
}
