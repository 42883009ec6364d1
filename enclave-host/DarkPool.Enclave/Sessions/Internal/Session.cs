using System.Security.Cryptography;
using DarkPool.Protocol;
using DarkPool.Protocol.Accounts;
using DarkPool.Protocol.Handshake;
using DarkPool.Protocol.Internal;

namespace DarkPool.Enclave.Sessions.Internal;

/// <summary>
/// One row of the session table. Open: keys, both sequence counters and both windows. Closed: a tombstone that keeps
/// the id (so a replayed handshake cannot reopen it while the handshake is still unexpired) and nothing secret.
/// </summary>
internal sealed class Session
{
    private byte[]? _clientToEnclave;
    private byte[]? _enclaveToClient;

    public Session(SessionId id, AccountAddress account, SessionFlags flags, long handshakeExpiresAt, long openedAt)
    {
        Id = id;
        Account = account;
        Flags = flags;
        HandshakeExpiresAt = handshakeExpiresAt;
        OpenedAt = openedAt;
    }

    public SessionId Id { get; }

    public AccountAddress Account { get; }

    public SessionFlags Flags { get; }

    public long HandshakeExpiresAt { get; }

    public long OpenedAt { get; }

    public long ClosedAt { get; private set; }

    public bool IsOpen => _clientToEnclave is not null;

    /// <summary>The sequence number the next request must carry.</summary>
    public ulong NextReceive { get; set; } = 1;

    /// <summary>The sequence number the next response gets.</summary>
    public ulong NextSend { get; set; } = 1;

    public Aes256Gcm? OpenKey { get; private set; }

    public Aes256Gcm? SealKey { get; private set; }

    public ReplayWindow? Replay { get; private set; }

    public IdempotencyWindow? Requests { get; private set; }

    public ReadOnlySpan<byte> ClientToEnclaveKey => _clientToEnclave;

    public ReadOnlySpan<byte> EnclaveToClientKey => _enclaveToClient;

    public void Open(ReadOnlySpan<byte> clientToEnclave, ReadOnlySpan<byte> enclaveToClient, int replayWindow, int idempotencyWindow)
    {
        _clientToEnclave = clientToEnclave.ToArray();
        _enclaveToClient = enclaveToClient.ToArray();
        OpenKey = new Aes256Gcm(_clientToEnclave);
        SealKey = new Aes256Gcm(_enclaveToClient);
        Replay = new ReplayWindow(replayWindow);
        Requests = new IdempotencyWindow(idempotencyWindow);
    }

    /// <summary>Forgets keys and windows; what remains is the tombstone.</summary>
    public void Close(long closedAt)
    {
        ClosedAt = closedAt;
        OpenKey?.Dispose();
        SealKey?.Dispose();
        OpenKey = null;
        SealKey = null;
        if (_clientToEnclave is not null)
        {
            CryptographicOperations.ZeroMemory(_clientToEnclave);
        }

        if (_enclaveToClient is not null)
        {
            CryptographicOperations.ZeroMemory(_enclaveToClient);
        }

        _clientToEnclave = null;
        _enclaveToClient = null;
        Replay = null;
        Requests = null;
        NextReceive = 0;
        NextSend = 0;
    }

    /// <summary>Whether the tombstone may go: closed, and a replay of its handshake would be refused as expired.</summary>
    public bool IsForgettable(long now) => !IsOpen && now > HandshakeExpiresAt;
}
