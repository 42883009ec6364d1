using System.Threading.Channels;
using DarkPool.Host.Sessions;
using DarkPool.Protocol;
using DarkPool.Protocol.Envelopes;

namespace DarkPool.Gateway.Tests;

/// <summary>The host's per-session log: order, retention, resumption, and slow readers cut off instead of blocking.</summary>
public sealed class SessionEventLogTests
{
    private static readonly SessionId Session = SessionId.FromBytes(Enumerable.Range(1, 16).Select(i => (byte)i).ToArray());

    [Fact]
    public async Task Add_OutOfOrder_SubscriberSeesStrictOrderWithoutDuplicates()
    {
        var log = Log(capacity: 100);
        Assert.True(log.TrySubscribe(1, 100, out ChannelReader<(ulong Sequence, byte[] Envelope)>? reader, out _));

        foreach (ulong s in new ulong[] { 3, 1, 2, 2, 5, 4, 1 })
        {
            log.Add(Envelope(s));
        }

        Assert.Equal([1UL, 2, 3, 4, 5], await Take(reader, 5));
        Assert.False(reader.TryRead(out _));
    }

    [Fact]
    public async Task Subscribe_FromMiddle_ResumesThere_AndBeforeRetentionIsRefused()
    {
        var log = Log(capacity: 3);
        for (ulong s = 1; s <= 6; s++)
        {
            log.Add(Envelope(s));
        }

        Assert.True(log.TrySubscribe(5, 10, out ChannelReader<(ulong Sequence, byte[] Envelope)>? reader, out _));
        Assert.Equal([5UL, 6], await Take(reader, 2));
        Assert.False(log.TrySubscribe(2, 10, out _, out ulong oldest));
        Assert.Equal(4UL, oldest);
    }

    [Fact]
    public async Task SlowSubscriber_IsCutOff_AndResumingFromItsNextSequenceLosesNothing()
    {
        var log = Log(capacity: 100);
        Assert.True(log.TrySubscribe(1, 2, out ChannelReader<(ulong Sequence, byte[] Envelope)>? slow, out _));
        for (ulong s = 1; s <= 5; s++)
        {
            log.Add(Envelope(s));
        }

        List<ulong> got = await Take(slow, 2);
        await Assert.ThrowsAsync<SlowSubscriberException>(async () => await slow.WaitToReadAsync());
        Assert.True(log.TrySubscribe(got[^1] + 1, 10, out ChannelReader<(ulong Sequence, byte[] Envelope)>? resumed, out _));

        Assert.Equal([1UL, 2, 3, 4, 5], got.Concat(await Take(resumed, 3)));
    }

    [Fact]
    public async Task Retention_EnvelopesOlderThanItAreGone_ResumeBeforeThemIsRefused_NewOnesFlow()
    {
        var clock = new SteppedClock();
        var hub = new SessionEventHub(capacityPerSession: 100, retention: TimeSpan.FromMinutes(5), time: clock);
        hub.Open(Session, 1);
        SessionEventLog log = hub.For(Session);
        for (ulong s = 1; s <= 3; s++)
        {
            log.Add(Envelope(s));
        }

        clock.Advance(TimeSpan.FromMinutes(4));
        log.Add(Envelope(4));
        clock.Advance(TimeSpan.FromMinutes(2));

        // 1..3 are six minutes old and gone; 4 is two minutes old and kept; the log still continues at 5.
        Assert.Equal(1, log.RetainedCount);
        Assert.False(log.TrySubscribe(2, 10, out _, out ulong oldest));
        Assert.Equal(4UL, oldest);
        Assert.True(log.TrySubscribe(4, 10, out ChannelReader<(ulong Sequence, byte[] Envelope)>? reader, out _));
        log.Add(Envelope(5));
        Assert.Equal([4UL, 5], await Take(reader, 2));
        Assert.Equal(6UL, log.NextSequence);
    }

    [Fact]
    public void Retention_WithNothingOld_KeepsEverything()
    {
        var clock = new SteppedClock();
        var hub = new SessionEventHub(capacityPerSession: 100, retention: TimeSpan.FromMinutes(5), time: clock);
        SessionEventLog log = hub.For(Session);
        log.Add(Envelope(1));
        log.Add(Envelope(2));
        clock.Advance(TimeSpan.FromMinutes(4));


        Assert.Equal(2, log.RetainedCount);
    }

    [Fact]
    public void Hub_RefusesNonPositiveRetentionOrCapacity()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SessionEventHub(capacityPerSession: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SessionEventHub(retention: TimeSpan.Zero));
    }

    [Fact]
    public void Hub_RefusesARingBelowTheMinimum()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SessionEventHub(ringBytes: EnvelopeRing.MinimumCapacity - 1));
    }

    [Fact]
    public async Task Resume_GivesTheBytesAsAdded_EvenAfterTheCallerReusedItsArray_AndAcrossTheRingsEnd()
    {
        // A ring that wraps three times: the log keeps what the ring still holds, the newest, intact and in order, the
        // records split across the ring's end included.
        var ring = new EnvelopeRing(EnvelopeRing.MinimumCapacity);
        var log = new SessionEventLog(10_000, ring);
        int recordSize = EnvelopeRing.HeaderSize + EnvelopeLayout.StandardEnvelopeSize;
        int count = (3 * ring.Capacity / recordSize) + 50;
        var expected = new List<byte[]>();
        for (ulong s = 1; s <= (ulong)count; s++)
        {
            byte[] envelope = Stamped(s);
            expected.Add((byte[])envelope.Clone());
            log.Add(envelope);

            // The host's caller may reuse or drop its array: what was retained must not change with it.
            Array.Fill(envelope, (byte)0xEE);
        }

        // Everything the ring still holds: all whole records within its last Capacity bytes.
        int held = ring.Capacity / recordSize;
        Assert.Equal(held, log.RetainedCount);
        ulong oldest = (ulong)(count - held + 1);
        Assert.False(log.TrySubscribe(1, 10, out _, out ulong oldestRetained));
        Assert.Equal(oldest, oldestRetained);
        Assert.True(log.TrySubscribe(oldest, 10, out ChannelReader<(ulong Sequence, byte[] Envelope)>? reader, out _));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        for (ulong s = oldest; s <= (ulong)count; s++)
        {
            (ulong sequence, byte[] bytes) = await reader.ReadAsync(timeout.Token);
            Assert.Equal(s, sequence);
            Assert.Equal(expected[(int)s - 1], bytes);
        }
    }

    [Fact]
    public async Task Resume_AfterTheLogPassedItsCapacity_GivesTheNewestBytesIntact()
    {
        SessionEventLog log = Log(capacity: 100);
        const int count = 1_234;
        for (ulong s = 1; s <= count; s++)
        {
            log.Add(Stamped(s));
        }

        Assert.Equal(100, log.RetainedCount);
        const ulong oldest = count - 99;
        Assert.False(log.TrySubscribe(oldest - 1, 10, out _, out ulong oldestRetained));
        Assert.Equal(oldest, oldestRetained);
        Assert.True(log.TrySubscribe(oldest, 10, out ChannelReader<(ulong Sequence, byte[] Envelope)>? reader, out _));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        for (ulong s = oldest; s <= count; s++)
        {
            (ulong sequence, byte[] bytes) = await reader.ReadAsync(timeout.Token);
            Assert.Equal(s, sequence);
            Assert.Equal(Stamped(s), bytes);
        }
    }

    [Fact]
    public async Task QuietSession_WhoseAnswersTheRingOverwrote_IsToldSo_AndGoesOnFromItsNextAnswer()
    {
        // The ring is shared: a busy session's answers overwrite a quiet one's oldest once it wraps. The quiet session's
        // resume is then refused, naming its next sequence, and it is retained again from its next answer on.
        var hub = new SessionEventHub(capacityPerSession: 4096, ringBytes: EnvelopeRing.MinimumCapacity);
        SessionId quiet = Other, busy = Session;
        hub.Open(quiet, 1);
        hub.Open(busy, 1);
        hub.Deliver(quiet, Stamped(1, quiet));
        hub.Deliver(quiet, Stamped(2, quiet));
        Assert.True(hub.TryGet(quiet, out SessionEventLog? quietLog));
        Assert.Equal(2, quietLog.RetainedCount);

        for (ulong s = 1; s <= (ulong)(2 * EnvelopeRing.MinimumCapacity / EnvelopeLayout.StandardEnvelopeSize); s++)
        {
            hub.Deliver(busy, Stamped(s, busy));
        }

        Assert.Equal(0, quietLog.RetainedCount);
        Assert.False(quietLog.TrySubscribe(1, 10, out _, out ulong oldest));
        Assert.Equal(3UL, oldest);
        Assert.True(quietLog.TrySubscribe(3, 10, out ChannelReader<(ulong Sequence, byte[] Envelope)>? reader, out _));
        hub.Deliver(quiet, Stamped(3, quiet));
        Assert.Equal([3UL], await Take(reader, 1));
        Assert.Equal(1, quietLog.RetainedCount);
    }

    /// <summary>A monotonic clock that moves only when the test moves it.</summary>
    private sealed class SteppedClock : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }

    private static readonly SessionId Other = SessionId.FromBytes(Enumerable.Range(101, 16).Select(i => (byte)i).ToArray());

    private static SessionEventLog Log(int capacity) => new(capacity, new EnvelopeRing(1024 * 1024));

    // An envelope whose last bytes say which one it is, so a mixed-up or torn copy shows.
    private static byte[] Stamped(ulong sequence, SessionId? session = null)
    {
        byte[] envelope = Envelope(sequence, session ?? Session);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(envelope.AsSpan(envelope.Length - 8), sequence * 0x9E3779B97F4A7C15UL);
        envelope[^9] = (byte)sequence;
        return envelope;
    }

    private static byte[] Envelope(ulong sequence) => Envelope(sequence, Session);

    private static byte[] Envelope(ulong sequence, SessionId session)
    {
        var envelope = new byte[EnvelopeLayout.StandardEnvelopeSize];
        new EnvelopeHeader(EnvelopeKind.Response, EnvelopeSizeClass.Standard, session, sequence).WriteTo(new byte[EnvelopeLayout.NonceSize], envelope);
        return envelope;
    }

    private static async Task<List<ulong>> Take(ChannelReader<(ulong Sequence, byte[] Envelope)> reader, int count)
    {
        var sequences = new List<ulong>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (sequences.Count < count)
        {
            sequences.Add((await reader.ReadAsync(timeout.Token)).Sequence);
        }

        return sequences;
    }
}
