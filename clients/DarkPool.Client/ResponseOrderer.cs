using System.Threading.Channels;
using DarkPool.Protocol.Client;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Messages;

namespace DarkPool.Client;

/// <summary>
/// Opens a session's response envelopes exactly once each and strictly in sequence order, whichever path (unary reply or
/// event stream) brought them first; holds early arrivals until the gap fills and remembers recent answers.
/// </summary>
internal sealed class ResponseOrderer
{
    private const int Remembered = 1024;

    /// <summary>Events kept for <see cref="Events"/> until read; past this the oldest are dropped (a client that never reads).</summary>
    public const int EventCapacity = 65_536;
    private readonly Lock _gate = new();
    private readonly ClientSession _session;
    private const ulong MaxLookAhead = 65_536;
    private readonly SortedDictionary<ulong, List<byte[]>> _ahead = [];
    private readonly Queue<DecodedResponse> _recent = new();
    private readonly Channel<DecodedResponse> _events = Channel.CreateBounded<DecodedResponse>(
        new BoundedChannelOptions(EventCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });

    public ResponseOrderer(ClientSession session) => _session = session;

    /// <summary>
    /// Called for every response opened, with its sequence number, in order and under the orderer's lock (keep it short;
    /// take no lock that is held while calling into the orderer).
    /// </summary>
    public Action<ulong, DecodedResponse>? OnOpened { get; set; }

    /// <summary>The next response sequence not yet opened.</summary>
    public ulong NextSequence
    {
        get
        {
            lock (_gate)
            {
                return _session.NextResponseSequence;
            }
        }
    }

    /// <summary>Takes an envelope; returns the responses it let open (none if it was early, a duplicate or not authentic).</summary>
    public List<DecodedResponse> Add(byte[] envelope)
    {
        var opened = new List<DecodedResponse>();
        if (!EnvelopeHeader.TryParse(envelope, out EnvelopeHeader header, out _))
        {
            return opened;
        }

        lock (_gate)
        {
            ulong next = _session.NextResponseSequence;
            if (header.Sequence < next || header.Sequence - next > MaxLookAhead)
            {
                return opened;
            }

            // Several candidates may claim one sequence (the gateway is untrusted): keep them all until one opens.
            if (!_ahead.TryGetValue(header.Sequence, out List<byte[]>? candidates))
            {
                candidates = [];
                _ahead.Add(header.Sequence, candidates);
            }

            if (candidates.Count < 4 && !candidates.Exists(c => c.AsSpan().SequenceEqual(envelope)))
            {
                candidates.Add(envelope);
            }

            while (_ahead.TryGetValue(_session.NextResponseSequence, out List<byte[]>? waiting))
            {
                DecodedResponse response = default;
                int genuine = waiting.FindIndex(c => _session.TryOpenResponse(c, out response, out _));
                if (genuine < 0)
                {
                    // None authentic: drop them; the genuine envelope may still arrive (stream resume, catch-up).
                    _ = _ahead.Remove(_session.NextResponseSequence);
                    break;
                }

                _ = _ahead.Remove(_session.NextResponseSequence - 1);
                opened.Add(response);
                _recent.Enqueue(response);
                if (_recent.Count > Remembered)
                {
                    _ = _recent.Dequeue();
                }

                _ = _events.Writer.TryWrite(response);
                OnOpened?.Invoke(_session.NextResponseSequence - 1, response);
            }
        }

        return opened;
    }

    /// <summary>The remembered answers to <paramref name="requestId"/>, in order (including ones the stream opened first).</summary>
    public List<DecodedResponse> AnswersTo(ulong requestId)
    {
        lock (_gate)
        {
            return [.. _recent.Where(r => r.ClientRequestId == requestId)];
        }
    }

    /// <summary>Ends <see cref="Events"/> with <paramref name="error"/> (a stream that cannot be resumed).</summary>
    public void Fail(Exception error) => _events.Writer.TryComplete(error);

    /// <summary>Every response opened since the session began, in order, buffered until read (one reader).</summary>
    public ChannelReader<DecodedResponse> Events => _events.Reader;
}
