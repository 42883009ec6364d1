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
