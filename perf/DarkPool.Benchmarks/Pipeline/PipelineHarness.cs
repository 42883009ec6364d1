using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using DarkPool.Benchmarks.Journal;
using DarkPool.Enclave.Core;
using DarkPool.Enclave.Journal;
using DarkPool.Enclave.Pipeline;
using DarkPool.Enclave.Sessions;
using DarkPool.Protocol;
using DarkPool.Protocol.Accounts;
using DarkPool.Protocol.Client;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;
using HdrHistogram;

namespace DarkPool.Benchmarks.Pipeline;

/// <summary>
/// <c>pipeline [--sessions N] [--requests-per-session K] [--window W] [--warmup M] [--replays R] [--snapshots S]</c>: the whole in-process enclave
/// pipeline on real files (real fsync), from sealed envelope in to sealed, durable response out, without gRPC. Envelopes
/// are sealed before the clock starts (the client's work is not the enclave's); each session keeps up to W requests in
/// flight. With M &gt; 0 every session first sends M requests of the same workload untimed, so that the timed part sees
/// code the JIT has already optimised (steady state) rather than a cold start.
/// Reports durable answers per second, batches (fsyncs) and closed-loop latency, then the full replay speed of the
/// journal just written into a fresh enclave core (decrypting and re-executing every record), R times (default 1), each
/// into its own fresh core: every replay is a whole recovery of the same files, and the state hash is compared each time.
/// With S &gt; 0 it also times the snapshot's serialisation of the state the drive left: the first (as a freshly started
/// server's first snapshot under load), then S more.
/// </summary>
public static class PipelineHarness
{
    public static int Run(ReadOnlySpan<string> args, TextWriter output)
    {
        int sessions = 32;
        int perSession = 20_000;
        int window = 64;
        int warmup = 0;
        int replays = 1;
        int snapshots = 0;
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            int value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--sessions": sessions = value; break;
                case "--requests-per-session": perSession = value; break;
                case "--window": window = value; break;
                case "--warmup": warmup = value; break;
                case "--replays": replays = value; break;
                case "--snapshots": snapshots = value; break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        RunAsync(sessions, perSession, window, warmup, replays, snapshots, output).GetAwaiter().GetResult();
        return 0;
    }

    private static async Task RunAsync(int sessions, int perSession, int window, int warmup, int replays, int snapshots, TextWriter output)
    {
        using var fixture = new JournalFixture(new JournalOptions { SegmentSizeLimit = 256L * 1024 * 1024 });
        var core = new EnclaveCore(new EnclaveCoreOptions());
        SealedJournal journal = fixture.Open(core);
        using var key = EnclaveKeyAgreementKey.Generate();
        byte[] quote = RandomNumberGenerator.GetBytes(64);
        var quotes = new QuoteRegistry();
        quotes.Register(quote);
        var pipeline = EnclavePipeline.Start(core, journal, new NullOutbox(), new HandshakeVerifier(key, quotes), new EnclavePipelineOptions { SnapshotEveryRecords = snapshots > 0 ? long.MaxValue : 0 });
        _ = await pipeline.SubmitOperatorAsync(EnclaveRecords.CreateMarket(0, 1, 1, 2, tickSize: 1, lotSize: 1));

        // As the pipeline's snapshot coordinator does before intake starts (it did, with snapshots on but never due: the
        // snapshot code compiled): the start-up state serialised once, then the default reserve made ready (allocated,
        // each page written once).
        var snapshotBuffer = new System.Buffers.ArrayBufferWriter<byte>(64 * 1024);
        if (snapshots > 0)
        {
            core.WriteSnapshot(snapshotBuffer);
            snapshotBuffer.Clear();
            Span<byte> room = snapshotBuffer.GetSpan(new EnclavePipelineOptions().SnapshotBufferBytes);
            for (int i = 0; i < room.Length; i += 4096)
            {
                room[i] = 0;
            }
        }

        output.WriteLine($"sealing {sessions} x {perSession:N0} envelopes...");
        var clients = new ClientSession[sessions];
        var envelopes = new byte[sessions][][];
        long expires = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 3_600_000;
        for (int s = 0; s < sessions; s++)
        {
            using var account = Secp256k1AccountKey.Generate();
            clients[s] = ClientSession.Create(key.PublicKey, SHA256.HashData(quote), account, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 300_000);
            EnclaveReply opened = await pipeline.SubmitHandshakeAsync(clients[s].HandshakeMessage);
            if (opened.Status != ReplyStatus.Done)
            {
                throw new InvalidOperationException($"handshake refused: {opened.HandshakeReject}");
            }

            _ = await pipeline.SubmitOperatorAsync(EnclaveRecords.Deposit(0, clients[s].Account, 1, long.MaxValue / 4));
            _ = await pipeline.SubmitOperatorAsync(EnclaveRecords.Deposit(0, clients[s].Account, 2, long.MaxValue / 4));
            envelopes[s] = Workload(clients[s], warmup + perSession, new Random(s), expires);
        }

        if (warmup > 0)
        {
            output.WriteLine($"warming up with {sessions} x {warmup:N0} requests...");
            _ = await Task.WhenAll(Enumerable.Range(0, sessions).Select(s => Task.Run(() => DriveAsync(pipeline, envelopes[s][..warmup], window, new LongHistogram(10_000_000_000L, 3)))));
            envelopes = [.. envelopes.Select(e => e[warmup..])];
        }

        output.WriteLine("driving...");
        output.Flush();
        long startSequence = journal.DurableSequence;
        var latency = new LongHistogram(10_000_000_000L, 3);
        var stopwatch = Stopwatch.StartNew();
        Task<long>[] drivers = [.. Enumerable.Range(0, sessions).Select(s => Task.Run(() => DriveAsync(pipeline, envelopes[s], window, latency)))];
        long[] done = await Task.WhenAll(drivers);
        stopwatch.Stop();
        long records = journal.DurableSequence - startSequence;
        double seconds = stopwatch.Elapsed.TotalSeconds;
        output.WriteLine($"requests answered Done and durable: {done.Sum():N0} in {seconds:F2} s = {done.Sum() / seconds:N0}/s");
        output.WriteLine($"journal records: {records:N0}; busy retries: {Interlocked.Read(ref _busy):N0}");
        output.WriteLine($"closed-loop latency (submit to durable answer), window {window} per session x {sessions} sessions: "
            + $"p50 {Us(latency, 50)} µs, p90 {Us(latency, 90)} µs, p99 {Us(latency, 99)} µs, p99.9 {Us(latency, 99.9)} µs, max {latency.GetMaxValue() / 1000.0:F0} µs");

        pipeline.Dispose();
        if (snapshots > 0)
        {
            MeasureSnapshots(core, snapshotBuffer, snapshots, output);
        }

        long expectedHash = core.ComputeStateHash();
        long total = journal.DurableSequence;
        journal.Dispose();
        core.Dispose();

        var rates = new List<double>(replays);
        for (int run = 0; run < replays; run++)
        {
            output.WriteLine("replaying...");
            output.Flush();
            var replayed = new EnclaveCore(new EnclaveCoreOptions());
            TimeSpan processCpu = Process.GetCurrentProcess().TotalProcessorTime;
            double threadCpu = ThreadCpuSeconds();
            long allocated = GC.GetTotalAllocatedBytes(precise: true);
            int collections = GC.CollectionCount(0);
            var replay = Stopwatch.StartNew();
            using (SealedJournal again = fixture.Open(replayed))
            {
                replay.Stop();
            }

            threadCpu = ThreadCpuSeconds() - threadCpu;
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            collections = GC.CollectionCount(0) - collections;
            processCpu = Process.GetCurrentProcess().TotalProcessorTime - processCpu;
            rates.Add(total / replay.Elapsed.TotalSeconds);
            output.WriteLine($"replay into a fresh enclave core: {total:N0} records in {replay.Elapsed.TotalSeconds:F2} s = {rates[^1]:N0} records/s; "
                + $"state hash {(replayed.ComputeStateHash() == expectedHash ? "equal" : "DIFFERENT")}; CPU per record: replaying thread "
                + $"{threadCpu * 1e6 / total:F2} µs, whole process {processCpu.TotalSeconds * 1e6 / total:F2} µs; allocated {allocated / (double)total:F1} B per record, {collections} gen-0 collections");
            replayed.Dispose();
        }

        if (replays > 1)
        {
            rates.Sort();
            output.WriteLine($"replay over {replays} runs: min {rates[0]:N0}, median {rates[replays / 2]:N0}, max {rates[^1]:N0} records/s");
        }

        foreach (ClientSession client in clients)
        {
            client.Dispose();
        }
    }

    private static long _busy;

    /// <summary>
    /// The sequencer's snapshot pause on the state the drive left, as the pipeline's snapshot coordinator meets it: the
    /// first into the buffer that served the start-up snapshot (the first snapshot under load, code and buffer as a
    /// freshly started server has them), then <paramref name="count"/> more into the same, kept buffer.
    /// </summary>
    private static void MeasureSnapshots(EnclaveCore core, System.Buffers.ArrayBufferWriter<byte> buffer, int count, TextWriter output)
    {
        long began = Stopwatch.GetTimestamp();
        core.WriteSnapshot(buffer);
        double first = Stopwatch.GetElapsedTime(began).TotalMilliseconds;
        var pauses = new double[count];
        for (int i = 0; i < count; i++)
        {
            buffer.Clear();
            began = Stopwatch.GetTimestamp();
            core.WriteSnapshot(buffer);
            pauses[i] = Stopwatch.GetElapsedTime(began).TotalMilliseconds;
        }

        Array.Sort(pauses);
        output.WriteLine($"snapshot of the state ({buffer.WrittenCount:N0} bytes): the first {first:F2} ms; then {count} more: min {pauses[0]:F2} ms, "
            + $"median {pauses[count / 2]:F2} ms, max {pauses[^1]:F2} ms = {buffer.WrittenCount / pauses[count / 2] / 1000:F0} MB/s at the median");
    }

    /// <summary>
    /// CPU time of the calling thread (user + system) from /proc/thread-self/stat, in 10 ms ticks; NaN where there is
    /// none. Load on the machine stretches wall-clock time, much less the CPU the replaying thread itself needs.
    /// </summary>
    private static double ThreadCpuSeconds()
    {
        try
        {
            string stat = File.ReadAllText("/proc/thread-self/stat");
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    private static string Us(LongHistogram h, double percentile) => (h.GetValueAtPercentile(percentile) / 1000.0).ToString("F0", CultureInfo.InvariantCulture);

    private static async Task<long> DriveAsync(EnclavePipeline pipeline, byte[][] envelopes, int window, LongHistogram latency)
    {
        var inFlight = new Queue<(Task<EnclaveReply> Reply, long Started)>(window);
        long done = 0;
        foreach (byte[] envelope in envelopes)
        {
            while (inFlight.Count >= window)
            {
                done += await Complete(inFlight.Dequeue(), latency);
            }

            Task<EnclaveReply> reply;
            while (true)
            {
                reply = pipeline.SubmitEnvelopeAsync(envelope);
                if (!reply.IsCompleted || reply.Result.Status != ReplyStatus.Busy)
                {
                    break;
                }

                Interlocked.Increment(ref _busy);
                if (inFlight.Count > 0)
                {
                    done += await Complete(inFlight.Dequeue(), latency);
                }
                else
                {
                    await Task.Yield();
                }
            }

            inFlight.Enqueue((reply, Stopwatch.GetTimestamp()));
        }

        while (inFlight.Count > 0)
        {
            done += await Complete(inFlight.Dequeue(), latency);
        }

        return done;
    }

    private static async Task<long> Complete((Task<EnclaveReply> Reply, long Started) pending, LongHistogram latency)
    {
        EnclaveReply reply = await pending.Reply.ConfigureAwait(false);
        long ns = (long)(Stopwatch.GetElapsedTime(pending.Started).TotalMilliseconds * 1_000_000);
        lock (latency)
        {
            latency.RecordValue(Math.Max(1, ns));
        }

        return reply.Status == ReplyStatus.Done ? 1 : 0;
    }

    /// <summary>Places around a fixed price (a quarter IOC), and cancels of recent orders: about a third of places trade.</summary>
    private static byte[][] Workload(ClientSession client, int count, Random random, long expires)
    {
        var result = new byte[count][];
        long order = 1;
        for (int i = 0; i < count; i++)
        {
            var envelope = new byte[EnvelopeLayout.StandardEnvelopeSize];
            ulong request = (ulong)i + 1;
            if (i % 4 == 3)
            {
                client.SealRequest(request, expires, new CancelOrder { Market = 1, ClientOrderId = Math.Max(1, order - random.Next(1, 8)) }, envelope);
            }
            else
            {
                client.SealRequest(request, expires, new PlaceOrder
                {
                    Market = 1, ClientOrderId = order++, Side = random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell, Type = OrderKind.Limit,
                    TimeInForce = random.Next(4) == 0 ? OrderTimeInForce.Ioc : OrderTimeInForce.Gtc, Price = random.Next(990, 1011), Quantity = random.Next(1, 10),
                }, envelope);
            }

            result[i] = envelope;
        }

        return result;
    }

    private sealed class NullOutbox : ISessionOutbox
    {
        public void Deliver(SessionId session, byte[] envelope)
        {
        }
    }
}
