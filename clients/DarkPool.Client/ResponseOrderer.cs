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
    private readonly SortedDictionary<ulong, byte[]> _ahead = [];
    private readonly Queue<DecodedResponse> _recent = new();
    private readonly Channel<DecodedResponse> _events = Channel.CreateBounded<DecodedResponse>(
        new BoundedChannelOptions(EventCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });

    public ResponseOrderer(ClientSession session) => _session = session;

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
            if (header.Sequence < _session.NextResponseSequence || !_ahead.TryAdd(header.Sequence, envelope))
            {
                return opened;
            }

            while (_ahead.Remove(_session.NextResponseSequence, out byte[]? next))
            {
                if (!_session.TryOpenResponse(next, out DecodedResponse response, out _))
                {
                    // Not authentic (the gateway is untrusted): dropped; the genuine one may still arrive.
                    break;
                }

                opened.Add(response);
                _recent.Enqueue(response);
                if (_recent.Count > Remembered)
                {
                    _ = _recent.Dequeue();
                }

                _ = _events.Writer.TryWrite(response);
            }
        }

        return opened;
    }

    /// <summary>The remembered answers to <paramref name="requestId"/>, in order (including ones the stream opened first).</summary>
    public List<DecodedResponse> AnswersTo(ulong requestId, List<DecodedResponse> justOpened)
    {
        lock (_gate)
        {
            List<DecodedResponse> answers = [.. _recent.Where(r => r.ClientRequestId == requestId)];
            return answers.Count > 0 ? answers : justOpened;
        }
    }

    /// <summary>Every response opened since the session began, in order, buffered until read (one reader).</summary>
    public ChannelReader<DecodedResponse> Events => _events.Reader;
}
