using System.Security.Cryptography;

namespace DarkPool.Protocol.Handshake;

/// <summary>
/// What a handshake derives: the session id and one AES-256-GCM key per direction. Secret: it lives in the enclave's
/// sealed state and in the client's memory only. <see cref="ToString"/> prints the session id, never a key.
/// </summary>
public sealed class SessionKeys
{
    /// <summary>Size of each AES-256-GCM key.</summary>
    public const int KeySize = 32;

    private readonly byte[] _clientToEnclave;
    private readonly byte[] _enclaveToClient;

    /// <summary>Keys from their bytes (for example read back from sealed state).</summary>
    /// <exception cref="ArgumentException">A key is not 32 bytes.</exception>
    public SessionKeys(SessionId sessionId, ReadOnlySpan<byte> clientToEnclaveKey, ReadOnlySpan<byte> enclaveToClientKey)
    {
        if (clientToEnclaveKey.Length != KeySize || enclaveToClientKey.Length != KeySize)
        {
            throw new ArgumentException($"Session keys are {KeySize} bytes.", nameof(clientToEnclaveKey));
        }

        SessionId = sessionId;
        _clientToEnclave = clientToEnclaveKey.ToArray();
        _enclaveToClient = enclaveToClientKey.ToArray();
    }

    /// <summary>The session id.</summary>
    public SessionId SessionId { get; }

    /// <summary>The key that seals requests (client to enclave).</summary>
    public ReadOnlySpan<byte> ClientToEnclave => _clientToEnclave;

    /// <summary>The key that seals responses and events (enclave to client).</summary>
    public ReadOnlySpan<byte> EnclaveToClient => _enclaveToClient;

    /// <summary>Overwrites both keys with zeros; the object is useless afterwards.</summary>
    public void Clear()
    {
        CryptographicOperations.ZeroMemory(_clientToEnclave);
        CryptographicOperations.ZeroMemory(_enclaveToClient);
    }

    /// <summary>The session id only.</summary>
    public override string ToString() => SessionId.ToString();
}
