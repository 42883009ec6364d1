using System.Buffers.Binary;
using DarkPool.Host.Sessions;
using DarkPool.Protocol;
using DarkPool.Protocol.Envelopes;

namespace DarkPool.Host.Tests.Sessions;

/// <summary>
/// What the event logs cost and keep: their bytes in the hub's one ring (no allocation per answer, whatever the number
/// of sessions), and what a reader gets from the ring: the bytes written, or "overwritten", never a mixture.
/// </summary>
public sealed class EventLogMemoryTests
{
    [Fact]
    public void AddingAnswers_InOrder_AllocatesNothing_HoweverManySessions()
    {
        var hub = new SessionEventHub(capacityPerSession: 4096, ringBytes: 1024 * 1024);
        const int sessions = 512;
        byte[][] envelopes = [.. Enumerable.Range(0, sessions).Select(i => Envelope(Id(i), 1))];
        SessionEventLog[] logs = new SessionEventLog[sessions];
        for (int i = 0; i < sessions; i++)
        {
            hub.Open(Id(i), 1);
            logs[i] = hub.For(Id(i));
        }

        // Warm up (first calls, tiering), then count: every log takes 40 more answers with the bytes changed in place.
        ulong sequence = 1;
        Round();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < 40; round++)
        {
            Round();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(sequence, logs[^1].NextSequence);

        void Round()
        {
            for (int i = 0; i < sessions; i++)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(envelopes[i].AsSpan(EnvelopeLayout.SequenceOffset), sequence);
                logs[i].Add(envelopes[i]);
            }

            sequence++;
        }
    }

    [Fact]
    public void Ring_ReadsWhatWasWritten_AcrossItsEnd_AndRefusesWhatItOverwrote()
    {
        var ring = new EnvelopeRing(EnvelopeRing.MinimumCapacity);
        var positions = new List<long>();
        var random = new Random(7);
        long previous = EnvelopeRing.None;
        for (int i = 0; i < 2_000; i++)
        {
            // Lengths vary, so records start at every offset and some are split by the ring's end.
            byte[] bytes = Fill(i, 1 + random.Next(1_200));
            previous = ring.Append(previous, added: i, sequence: (ulong)i, bytes);
            positions.Add(previous);
        }

        int read = 0;
        for (int i = 0; i < positions.Count; i++)
        {
            bool inRing = positions[i] >= ring.Written - ring.Capacity;
            Assert.Equal(inRing, ring.TryRead(positions[i], out EnvelopeRing.Record record, out byte[]? bytes));
            if (inRing)
            {
                read++;
                Assert.Equal((ulong)i, record.Sequence);
                Assert.Equal(i, record.Added);
                Assert.Equal(i == 0 ? EnvelopeRing.None : positions[i - 1], record.Previous);
                Assert.Equal(Fill(i, bytes!.Length), bytes);
            }
        }

        Assert.InRange(read, 50, 200);
        Assert.True(ring.Written > 10L * ring.Capacity, "the ring did not wrap often enough to test its end");

        // Positions it never returned: before the start, in the middle of a record, not yet written.
        Assert.False(ring.TryRead(-1, out _, out _));
        Assert.False(ring.TryRead(positions[^1] + 3, out _, out _));
        Assert.False(ring.TryRead(ring.Written, out _, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.Append(EnvelopeRing.None, 0, 0, new byte[ring.MaxEnvelopeLength + 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EnvelopeRing(EnvelopeRing.MinimumCapacity - 1));
    }

    [Fact]
    public void Ring_ALateWriterThatLappedTheRing_CannotHandAReaderMixedBytes()
    {
        // A writer descheduled for a whole lap writes its record late, over newer records: the positions cannot tell,
        // the CRC does. Simulated by writing a stale record's bytes where a lap-old position falls.
        var ring = new EnvelopeRing(EnvelopeRing.MinimumCapacity);
        long victim = EnvelopeRing.None;
        for (int i = 0; i < 1_000; i++)
        {
            victim = ring.Append(victim, i, (ulong)i, Fill(i, 300));
        }

        Assert.True(ring.TryRead(victim, out _, out _));
        // Into the body only: the header (its position, length and sequence) still looks right.
        ring.WriteLate(victim - ring.Capacity + EnvelopeRing.HeaderSize + 17, Fill(99, 200));

        Assert.False(ring.TryRead(victim, out _, out _));
    }

    [Fact]
    public async Task Ring_ManyWritersAndAReader_TheReaderGetsExactBytesOrNothing()
    {
        // Four threads answer for four sessions each as fast as they can in a small ring (it wraps hundreds of times)
        // while a reader resumes every session over and over: every envelope it is given is exactly what was added for
        // that sequence, and a log's resume is always contiguous up to what it had released.
        var hub = new SessionEventHub(capacityPerSession: 4096, ringBytes: EnvelopeRing.MinimumCapacity);
        SessionId[] ids = [.. Enumerable.Range(0, 16).Select(Id)];
        foreach (SessionId id in ids)
        {
            hub.Open(id, 1);
        }

        using var stop = new CancellationTokenSource();
        Task[] writers = [.. Enumerable.Range(0, 4).Select(w => Task.Run(() =>
        {
            ulong sequence = 1;
            while (!stop.IsCancellationRequested)
            {
                for (int i = w * 4; i < (w * 4) + 4; i++)
                {
                    hub.Deliver(ids[i], Stamped(ids[i], sequence));
                }

                sequence++;
            }
        }))];

        int checkedEnvelopes = 0, resumedFromBack = 0, refusedFromBack = 0;
        DateTime until = DateTime.UtcNow.AddSeconds(2);
        while (DateTime.UtcNow < until)
        {
            foreach (SessionId id in ids)
            {
                Assert.True(hub.TryGet(id, out SessionEventLog? log));

                // Everything retained: exact bytes, contiguous, up to at least what had been released before the call.
                ulong next = log.NextSequence;
                Assert.True(log.TrySubscribe(0, 16, out System.Threading.Channels.ChannelReader<(ulong Sequence, byte[] Envelope)>? reader, out _));
                log.Unsubscribe(reader);
                ulong? last = null;
                while (reader.TryRead(out (ulong Sequence, byte[] Envelope) item))
                {
                    Assert.Equal(Stamped(id, item.Sequence), item.Envelope);
                    if (last is ulong l)
                    {
                        Assert.Equal(l + 1, item.Sequence);
                    }

                    last = item.Sequence;
                    checkedEnvelopes++;
                }

                Assert.True(last is null || last.Value + 1 >= next, $"a resume ended at {last} though {next - 1} had been released");

                // A resume from a few answers back: from exactly there, or refused naming a later oldest.
                ulong released = log.NextSequence - 1;
                if (released < 5)
                {
                    continue;
                }

                ulong from = released - 4;
                if (log.TrySubscribe(from, 16, out reader, out ulong oldest))
                {
                    log.Unsubscribe(reader);
                    Assert.True(reader.TryRead(out (ulong Sequence, byte[] Envelope) first), "a resume from five back got nothing");
                    Assert.Equal(from, first.Sequence);
                    Assert.Equal(Stamped(id, first.Sequence), first.Envelope);
                    resumedFromBack++;
                }
                else
                {
                    Assert.True(oldest > from, $"refused from {from} naming {oldest} as the oldest retained");
                    refusedFromBack++;
                }
            }
        }

        await stop.CancelAsync();
        await Task.WhenAll(writers);
        Assert.True(checkedEnvelopes > 1_000, $"only {checkedEnvelopes} envelopes read back");
        Assert.True(resumedFromBack > 100, $"only {resumedFromBack} resumes from five back succeeded ({refusedFromBack} refused)");
        Assert.True(hub.Ring.Written > 100L * hub.Ring.Capacity, $"the ring wrapped {hub.Ring.Written / hub.Ring.Capacity} times");
    }

    private static byte[] Fill(int seed, int length)
    {
        byte[] bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static SessionId Id(int i)
    {
        var bytes = new byte[SessionId.Size];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, i + 1);
        return SessionId.FromBytes(bytes);
    }

    private static byte[] Envelope(SessionId session, ulong sequence)
    {
        var envelope = new byte[EnvelopeLayout.StandardEnvelopeSize];
        new EnvelopeHeader(EnvelopeKind.Response, EnvelopeSizeClass.Standard, session, sequence).WriteTo(new byte[EnvelopeLayout.NonceSize], envelope);
        return envelope;
    }

    // An envelope whose body says which session and sequence it is, all through, so any torn copy shows.
    private static byte[] Stamped(SessionId session, ulong sequence)
    {
        byte[] envelope = Envelope(session, sequence);
        ulong stamp = (sequence * 0x9E3779B97F4A7C15UL) ^ (ulong)session.GetHashCode();
        for (int i = EnvelopeLayout.HeaderSize; i + 8 <= envelope.Length; i += 8)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(envelope.AsSpan(i), stamp + (ulong)i);
        }

        return envelope;
    }
}
