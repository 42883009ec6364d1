using DarkPool.Host.Sessions;
using DarkPool.Protocol;
using DarkPool.Protocol.Envelopes;

namespace DarkPool.Host.Tests.Sessions;

/// <summary>What a session's event log keeps alive: its own newest answers and little more, whatever other sessions do.</summary>
public sealed class EventLogMemoryTests
{
    [Fact]
    public void BusySessionBesideAQuietOne_EachLogKeepsOnlyItsOwnChunks_AndTheBusyOneStaysNearItsLimit()
    {
        using var hub = new SessionEventHub(capacityPerSession: 64, retention: TimeSpan.FromMinutes(5), sweepPeriodically: false);
        SessionId quiet = Id(1), busy = Id(2);
        hub.Open(quiet, 1);
        hub.Open(busy, 1);
        ulong quietSequence = 1;
        for (ulong s = 1; s <= 20_000; s++)
        {
            hub.Deliver(busy, Envelope(busy, s));
            if (s % 500 == 0)
            {
                // A quiet session answered now and then, between the busy one's answers.
                hub.Deliver(quiet, Envelope(quiet, quietSequence++));
            }
        }

        Assert.True(hub.TryGet(busy, out SessionEventLog? busyLog));
        Assert.True(hub.TryGet(quiet, out SessionEventLog? quietLog));
        byte[][] busyChunks = busyLog.RetainedChunks();
        byte[][] quietChunks = quietLog.RetainedChunks();

        // No chunk is shared, so the quiet session's answers cannot keep the busy one's dropped answers alive.
        Assert.Empty(busyChunks.Intersect(quietChunks, ReferenceEqualityComparer.Instance));

        // The busy log keeps its 64 newest answers (~20 KB): at most the chunks they span, never the 6 MB it was sent.
        Assert.Equal(64, busyLog.RetainedCount);
        Assert.True(busyChunks.Sum(c => (long)c.Length) <= 2L * EnvelopeArena.MaxChunkSize, $"{busyChunks.Sum(c => (long)c.Length)} bytes of chunks kept");
        // The quiet log's 40 answers (~12 KB) sit in its own small chunks (4, 8, 16 KiB): slack below twice what it keeps
        // plus one chunk, where a shared arena would have pinned a large chunk of the busy session's bytes per answer.
        long quietRetained = 40L * EnvelopeLayout.StandardEnvelopeSize;
        Assert.Equal(40, quietLog.RetainedCount);
        Assert.True(quietChunks.Sum(c => (long)c.Length) <= (2 * quietRetained) + EnvelopeArena.FirstChunkSize * 4, $"{quietChunks.Sum(c => (long)c.Length)} bytes of chunks kept");
    }

    [Fact]
    public void ReleasedFullSizeChunks_AreReusedByTheNextArena_AndThePoolIsBounded()
    {
        var pool = new ChunkPool();
        var first = new EnvelopeArena(pool);
        byte[] envelope = new byte[EnvelopeLayout.StandardEnvelopeSize];
        EnvelopeArena.Slot last = default;
        // Enough answers to grow past the small chunks and fill several full-size ones.
        for (int i = 0; i < 8 * EnvelopeArena.MaxChunkSize / envelope.Length; i++)
        {
            last = first.Append(envelope);
        }

        byte[][] full = [.. first.Chunks.Where(c => c.Length == EnvelopeArena.MaxChunkSize)];
        Assert.True(full.Length >= 3, $"{full.Length} full-size chunks");
        first.ReleaseBefore(last);

        // Every full-size chunk but the one still in use went back to the pool (the small ones to the collector)...
        Assert.Equal(full.Length - 1, pool.Count);
        Assert.Single(first.Chunks);

        // ...and the next arena that needs a full-size chunk takes one of them instead of allocating.
        var second = new EnvelopeArena(pool);
        for (int i = 0; i < 4 * EnvelopeArena.MaxChunkSize / envelope.Length; i++)
        {
            _ = second.Append(envelope);
        }

        Assert.Contains(second.Chunks, c => full.Contains(c, ReferenceEqualityComparer.Instance));
        Assert.Empty(second.Chunks.Intersect(first.Chunks, ReferenceEqualityComparer.Instance));

        // The pool never holds more than its bound.
        for (int i = 0; i < EnvelopeArena.PooledChunks + 10; i++)
        {
            pool.Return(new byte[EnvelopeArena.MaxChunkSize]);
        }

        Assert.Equal(EnvelopeArena.PooledChunks, pool.Count);
    }

    private static SessionId Id(byte first)
    {
        var bytes = new byte[SessionId.Size];
        bytes[0] = first;
        return SessionId.FromBytes(bytes);
    }

    private static byte[] Envelope(SessionId session, ulong sequence)
    {
        var envelope = new byte[EnvelopeLayout.StandardEnvelopeSize];
        new EnvelopeHeader(EnvelopeKind.Response, EnvelopeSizeClass.Standard, session, sequence).WriteTo(new byte[EnvelopeLayout.NonceSize], envelope);
        return envelope;
    }
}
