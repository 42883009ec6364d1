using DarkPool.Host;
using DarkPool.Protocol;
using Microsoft.Extensions.Logging;

namespace DarkPool.Gateway.Internal;

// Design:
// A session's "connection" for cancel-on-disconnect is its event stream. The stream itself carries only a session id,
// which the operator and anyone who saw a header knows, so a stream counts only once it is owned: a handshake or a
// sealed request of the same session that the enclave accepted arrived over the same HTTP/2 connection (the same gRPC
// peer). Nobody without the session's keys can make the enclave accept an envelope, so nobody else can own a stream,
// and ending a stream they opened themselves changes nothing. When the last owned stream of a session ends because its
// client went away (not because the gateway cut a slow reader, who resumes), the host journals a Disconnect record and
// the enclave cancels the account's orders if the session chose cancel-on-disconnect (it decides; the gateway cannot
// read the session's flags).

/// <summary>The event streams of each session and which of them are owned by the session's holder (docs/GATEWAY.md).</summary>
internal sealed class SessionConnections(EnclaveHost host, ILogger<SessionConnections> logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<SessionId, List<Stream>> _streams = [];

    /// <summary>How many streams have ended (with or without a disconnect); tests wait on it.</summary>
    public long Ended => Interlocked.Read(ref _ended);

    /// <summary>How many Disconnect records the gateway handed to the host.</summary>
    public long DisconnectsSent => Interlocked.Read(ref _disconnects);

    /// <summary>How many of those the enclave has journaled and run (tests wait on it before they look at orders).</summary>
    public long DisconnectsDone => Interlocked.Read(ref _disconnectsDone);

    /// <summary>How many catch-up reads have ended (they never count as a connection).</summary>
    public long CatchUpsEnded => Interlocked.Read(ref _catchUps);

    private long _ended;
    private long _disconnects;
    private long _disconnectsDone;
    private long _catchUps;

    /// <summary>A catch-up read of the session's events ended.</summary>
    public void CatchUpEnded() => _ = Interlocked.Increment(ref _catchUps);

    /// <summary>A stream of <paramref name="session"/> opened over <paramref name="peer"/>; owned once the peer proves the session.</summary>
    public Stream Open(SessionId session, string peer)
    {
        var stream = new Stream(session, peer);
        lock (_gate)
        {
            if (!_streams.TryGetValue(session, out List<Stream>? list))
            {
                list = [];
                _streams.Add(session, list);
            }

            list.Add(stream);
        }

        return stream;
    }

    /// <summary>The enclave accepted a handshake or envelope of <paramref name="session"/> that came over <paramref name="peer"/>.</summary>
    public void Proven(SessionId session, string peer)
    {
        lock (_gate)
        {
            if (_streams.TryGetValue(session, out List<Stream>? list))
            {
                foreach (Stream stream in list)
                {
                    if (string.Equals(stream.Peer, peer, StringComparison.Ordinal))
                    {
                        stream.Owned = true;
                    }
                }
            }
        }
    }

    /// <summary>
    /// A stream ended; <paramref name="clientGone"/> when its client cancelled or its connection dropped. Sends the
    /// session's Disconnect when this was its last owned stream.
    /// </summary>
    public async Task CloseAsync(Stream stream, bool clientGone)
    {
        bool disconnect;
        lock (_gate)
        {
            List<Stream> list = _streams[stream.Session];
            _ = list.Remove(stream);
            disconnect = clientGone && stream.Owned && !list.Exists(s => s.Owned);
            if (list.Count == 0)
            {
                _ = _streams.Remove(stream.Session);
            }
        }

        try
        {
            if (disconnect)
            {
                _ = Interlocked.Increment(ref _disconnects);
                _ = await host.DisconnectedAsync(stream.Session).ConfigureAwait(false);
                _ = Interlocked.Increment(ref _disconnectsDone);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            // The enclave is stopping; a restart recovers the session and its orders as journaled.
            Log.DisconnectNotJournaled(logger, e.GetType().Name);
        }
        finally
        {
            _ = Interlocked.Increment(ref _ended);
        }
    }

    /// <summary>One subscription.</summary>
    internal sealed class Stream(SessionId session, string peer)
    {
        public SessionId Session { get; } = session;

        public string Peer { get; } = peer;

        /// <summary>Written and read under the registry's lock.</summary>
        public bool Owned { get; set; }
    }
}
