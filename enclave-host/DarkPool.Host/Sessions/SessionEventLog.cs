using System.Threading.Channels;
using DarkPool.Protocol.Envelopes;

namespace DarkPool.Host.Sessions;

// Design:
// Writers are the enclave's sequencer (events for the session, via the outbox) and request threads (the session's own
// answers, once durable); they may arrive out of sequence order (a batch's events leave before its answers), so the
// log holds what is ahead of the next contiguous sequence until the gap fills, and subscribers see sequences strictly
// in order. Everything is under one lock per session; subscribers get bounded channels and are dropped (their stream
// ends, they resume from where they were) rather than ever blocking the writer. The retained bytes are in the hub's
// shared EnvelopeRing (its design note says why); the log itself is the position of its newest record there.

/// <summary>
/// A session's sealed responses and events as the untrusted host keeps them: ciphertext only, ordered by the response
/// sequence number in the clear header, the newest <c>capacity</c> retained (while the hub's shared
/// <see cref="EnvelopeRing"/> still holds them) so a client can resume a dropped stream.
/// </summary>
public sealed class SessionEventLog
{
    private readonly Lock _gate = new();
    private readonly int _capacity;
    private readonly EnvelopeRing _ring;
    private readonly TimeProvider _time;
    private readonly SortedDictionary<ulong, byte[]> _ahead = [];
    private readonly List<Channel<(ulong Sequence, byte[] Envelope)>> _subscribers = [];
    private ulong _next = 1;
    private readonly long _retentionTicks;
    private long _newest = EnvelopeRing.None;

    /// <summary>
    /// A log that keeps the newest <paramref name="capacity"/> envelopes in <paramref name="ring"/> (shared with the
    /// hub's other logs) and starts at <paramref name="nextSequence"/> (0: at the first envelope added, for a session the
    /// host was never told about), each for at most <paramref name="retention"/> (null: no time limit).
    /// </summary>
    public SessionEventLog(int capacity, EnvelopeRing ring, ulong nextSequence = 1, TimeProvider? time = null, TimeSpan? retention = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentNullException.ThrowIfNull(ring);
        _capacity = capacity;
        _ring = ring;
        _next = nextSequence;
        _time = time ?? TimeProvider.System;
        _retentionTicks = retention is TimeSpan r ? (long)(r.TotalSeconds * _time.TimestampFrequency) : long.MaxValue;
    }

    /// <summary>How many envelopes are retained now (walks the log: diagnostics and tests).</summary>
    public int RetainedCount
    {
        get
        {
            lock (_gate)
            {
                return Retained(0).Count;
            }
        }
    }

    /// <summary>The sequence number the next contiguous envelope will carry.</summary>
    public ulong NextSequence
    {
        get
        {
            lock (_gate)
            {
                return _next;
            }
        }
    }

    /// <summary>How many subscribers were cut off for falling behind (diagnostics).</summary>
    public int SlowSubscribersCut { get; private set; }

    /// <summary>Adds an envelope (a duplicate or an already passed sequence is ignored).</summary>
    public void Add(byte[] envelope)
    {
        if (!EnvelopeHeader.TryParse(envelope, out EnvelopeHeader header, out _))
        {
            return;
        }

        lock (_gate)
        {
            if (_next == 0)
            {
                _next = header.Sequence;
            }

            if (header.Sequence == _next && _ahead.Count == 0)
            {
                // In order, nothing waiting ahead of it (the common case): released at once.
                Release(_next, envelope);
                _next++;
                return;
            }

            if (header.Sequence < _next || header.Sequence - _next > (ulong)_capacity || !_ahead.TryAdd(header.Sequence, envelope))
            {
                return;
            }

            while (_ahead.Remove(_next, out byte[]? ready))
            {
                Release(_next, ready);
                _next++;
            }
        }
    }

    /// <summary>
    /// Subscribes from <paramref name="fromSequence"/>: every retained envelope from there, then each new one, in order.
    /// Fails when envelopes from that point are no longer retained (<paramref name="oldestRetained"/> says from where they are).
    /// </summary>
    public bool TrySubscribe(ulong fromSequence, int queueCapacity, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ChannelReader<(ulong Sequence, byte[] Envelope)>? reader, out ulong oldestRetained)
    {
        lock (_gate)
        {
            List<(ulong Sequence, byte[] Envelope)> retained = Retained(fromSequence);
            oldestRetained = retained.Count > 0 ? retained[^1].Sequence : _next;
            if (fromSequence < oldestRetained && fromSequence != 0)
            {
                reader = null;
                return false;
            }

            var channel = Channel.CreateBounded<(ulong, byte[])>(new BoundedChannelOptions(Math.Max(queueCapacity, retained.Count + 1))
            {
                SingleReader = true,
                SingleWriter = false,
                FullMode = BoundedChannelFullMode.Wait,
            });
            for (int i = retained.Count - 1; i >= 0; i--)
            {
                // Catching up: copies of the retained bytes, oldest first (live answers below go out as they came).
                _ = channel.Writer.TryWrite(retained[i]);
            }

            _subscribers.Add(channel);
            reader = channel.Reader;
            return true;
        }
    }

    /// <summary>Ends a subscription.</summary>
    public void Unsubscribe(ChannelReader<(ulong Sequence, byte[] Envelope)> reader)
    {
        lock (_gate)
        {
            _ = _subscribers.RemoveAll(c => c.Reader == reader);
        }
    }

    private void Release(ulong sequence, byte[] envelope)
    {
        _newest = _ring.Append(_newest, _time.GetTimestamp(), sequence, envelope);
        for (int i = _subscribers.Count - 1; i >= 0; i--)
        {
            if (!_subscribers[i].Writer.TryWrite((sequence, envelope)))
            {
                // A slow reader: its stream ends and it resumes from the last sequence it saw; the writer never waits.
                _ = _subscribers[i].Writer.TryComplete(new SlowSubscriberException());
                SlowSubscribersCut++;
                _subscribers.RemoveAt(i);
            }
        }
    }

    // Under the lock: the retained envelopes from fromSequence on (0: all), newest first. The walk back from the newest
    // record stops below fromSequence (everything from there on is then in the list: a log's records carry consecutive
    // sequences), at the capacity, at a record older than the retention time, or at one the ring has overwritten.
    private List<(ulong Sequence, byte[] Envelope)> Retained(ulong fromSequence)
    {
        var retained = new List<(ulong, byte[])>();
        long now = _time.GetTimestamp();
        long position = _newest;
        while (position != EnvelopeRing.None && retained.Count < _capacity
            && _ring.TryRead(position, out EnvelopeRing.Record record, out byte[]? envelope) && now - record.Added <= _retentionTicks
            && record.Sequence >= fromSequence)
        {
            retained.Add((record.Sequence, envelope));
            position = record.Previous;
        }

        return retained;
    }
}
