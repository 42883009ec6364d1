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
        var log = new SessionEventLog(capacity: 100);
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
        var log = new SessionEventLog(capacity: 3);
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
        var log = new SessionEventLog(capacity: 100);
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
    public async Task Sweep_DropsEnvelopesOlderThanRetention_ResumeBeforeThemIsRefused_NewOnesFlow()
    {
        var clock = new SteppedClock();
        using var hub = new SessionEventHub(capacityPerSession: 100, retention: TimeSpan.FromMinutes(5), time: clock, sweepPeriodically: false);
        hub.Open(Session, 1);
        SessionEventLog log = hub.For(Session);
        for (ulong s = 1; s <= 3; s++)
        {
            log.Add(Envelope(s));
        }

        clock.Advance(TimeSpan.FromMinutes(4));
        log.Add(Envelope(4));
        clock.Advance(TimeSpan.FromMinutes(2));
        hub.Sweep();

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
    public void Sweep_WithNothingOld_KeepsEverything()
    {
        var clock = new SteppedClock();
        using var hub = new SessionEventHub(capacityPerSession: 100, retention: TimeSpan.FromMinutes(5), time: clock, sweepPeriodically: false);
        SessionEventLog log = hub.For(Session);
        log.Add(Envelope(1));
        log.Add(Envelope(2));
        clock.Advance(TimeSpan.FromMinutes(4));

        hub.Sweep();

        Assert.Equal(2, log.RetainedCount);
    }

    [Fact]
    public void Hub_RefusesNonPositiveRetentionOrCapacity()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SessionEventHub(capacityPerSession: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SessionEventHub(retention: TimeSpan.Zero));
    }

    [Fact]
    public async Task Resume_GivesTheBytesAsAdded_EvenAfterTheCallerReusedItsArray_AndAcrossArenaChunks()
    {
        var log = new SessionEventLog(capacity: 10_000);
        int count = (3 * EnvelopeArena.MaxChunkSize / EnvelopeLayout.StandardEnvelopeSize) + 50;
        var expected = new List<byte[]>();
        for (ulong s = 1; s <= (ulong)count; s++)
        {
            byte[] envelope = Envelope(s);
            envelope[^1] = (byte)s;
            envelope[^2] = (byte)(s >> 8);
            expected.Add((byte[])envelope.Clone());
            log.Add(envelope);

            // The host's caller may reuse or drop its array: what was retained must not change with it.
            Array.Fill(envelope, (byte)0xEE);
        }

        Assert.True(log.TrySubscribe(1, 10, out ChannelReader<(ulong Sequence, byte[] Envelope)>? reader, out _));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        for (int i = 0; i < count; i++)
        {
            (ulong sequence, byte[] bytes) = await reader.ReadAsync(timeout.Token);
            Assert.Equal((ulong)i + 1, sequence);
            Assert.Equal(expected[i], bytes);
        }
    }

    [Fact]
    public async Task Resume_AfterTheLogDroppedAndReleasedOlderChunks_GivesTheNewestBytesIntact()
    {
        var log = new SessionEventLog(capacity: 100);
        int count = (3 * EnvelopeArena.MaxChunkSize / EnvelopeLayout.StandardEnvelopeSize) + 77;
        for (ulong s = 1; s <= (ulong)count; s++)
        {
            byte[] envelope = Envelope(s);
            envelope[^1] = (byte)s;
            envelope[^2] = (byte)(s >> 8);
            log.Add(envelope);
        }

        Assert.Equal(100, log.RetainedCount);
        ulong oldest = (ulong)count - 99;
        Assert.False(log.TrySubscribe(oldest - 1, 10, out _, out ulong oldestRetained));
        Assert.Equal(oldest, oldestRetained);
        Assert.True(log.TrySubscribe(oldest, 10, out ChannelReader<(ulong Sequence, byte[] Envelope)>? reader, out _));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        for (ulong s = oldest; s <= (ulong)count; s++)
        {
            (ulong sequence, byte[] bytes) = await reader.ReadAsync(timeout.Token);
            Assert.Equal(s, sequence);
            Assert.Equal((byte)s, bytes[^1]);
            Assert.Equal((byte)(s >> 8), bytes[^2]);
        }
    }

    [Fact]
    public void Arena_SlicesStayIntactWhenLaterAppendsFillNewChunks()
    {
        var arena = new EnvelopeArena();
        var slots = new List<(EnvelopeArena.Slot Slot, byte Fill, int Length)>();
        for (int i = 0; i < 10_000; i++)
        {
            int length = 1 + (i * 37 % 1200);
            byte fill = (byte)i;
            slots.Add((arena.Append(Enumerable.Repeat(fill, length).ToArray()), fill, length));
        }

        byte[] huge = Enumerable.Repeat((byte)7, EnvelopeArena.MaxChunkSize).ToArray();
        Assert.Equal(huge, arena.Get(arena.Append(huge)).ToArray());
        EnvelopeArena.Slot after = arena.Append([1, 2, 3]);
        Assert.Equal(new byte[] { 1, 2, 3 }, arena.Get(after).ToArray());
        foreach ((EnvelopeArena.Slot slot, byte fill, int length) in slots)
        {
            ReadOnlyMemory<byte> bytes = arena.Get(slot);
            Assert.Equal(length, bytes.Length);
            Assert.True(bytes.Span.IndexOfAnyExcept(fill) < 0);
        }
    }

    [Fact]
    public void Arena_ReleasesOnlyTheChunksBeforeTheOldestKept_AndTheirSlotsAreRefused()
    {
        var arena = new EnvelopeArena();
        var slots = new List<EnvelopeArena.Slot>();
        for (int i = 0; i < 4 * EnvelopeArena.MaxChunkSize / EnvelopeLayout.StandardEnvelopeSize; i++)
        {
            slots.Add(arena.Append(Enumerable.Repeat((byte)i, EnvelopeLayout.StandardEnvelopeSize).ToArray()));
        }

        int chunksBefore = arena.Chunks.Count;
        EnvelopeArena.Slot kept = slots[^10];
        arena.ReleaseBefore(kept);
        Assert.True(arena.Chunks.Count < chunksBefore);
        Assert.Throws<ArgumentOutOfRangeException>(() => arena.Get(slots[0]));
        for (int i = slots.Count - 10; i < slots.Count; i++)
        {
            Assert.True(arena.Get(slots[i]).Span.IndexOfAnyExcept((byte)i) < 0);
        }

        // Releasing everything keeps only the chunk being filled; appends go on from there.
        arena.ReleaseAllButCurrent();
        Assert.Single(arena.Chunks);
        EnvelopeArena.Slot next = arena.Append([9]);
        Assert.Equal(new byte[] { 9 }, arena.Get(next).ToArray());
    }

    [Fact]
    public void Arena_KeepsNoReleasedChunkAlive_SoDroppedAnswersFreeTheirChunks()
    {
        // The bound on a log's memory rests on this: once the log drops its oldest answers and releases their chunks,
        // nothing in the arena references them (each log has its own arena, so no other session's answer can keep them).
        var arena = new EnvelopeArena();
        WeakReference firstChunk = FillAndReleaseFirstChunk(arena);
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);

        Assert.False(firstChunk.IsAlive);
        GC.KeepAlive(arena);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference FillAndReleaseFirstChunk(EnvelopeArena arena)
    {
        EnvelopeArena.Slot first = arena.Append(new byte[EnvelopeLayout.StandardEnvelopeSize]);
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(arena.Get(first), out ArraySegment<byte> segment));
        var weak = new WeakReference(segment.Array);
        EnvelopeArena.Slot last = first;
        for (int i = 0; i < 4 * EnvelopeArena.MaxChunkSize / EnvelopeLayout.StandardEnvelopeSize; i++)
        {
            last = arena.Append(new byte[EnvelopeLayout.StandardEnvelopeSize]);
        }

        arena.ReleaseBefore(last);
        return weak;
    }

    /// <summary>A monotonic clock that moves only when the test moves it.</summary>
    private sealed class SteppedClock : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }

    private static byte[] Envelope(ulong sequence)
    {
        var envelope = new byte[EnvelopeLayout.StandardEnvelopeSize];
        new EnvelopeHeader(EnvelopeKind.Response, EnvelopeSizeClass.Standard, Session, sequence).WriteTo(new byte[EnvelopeLayout.NonceSize], envelope);
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
