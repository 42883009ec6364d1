using System.Security.Cryptography;

namespace DarkPool.Protocol.Handshake;

/// <summary>
/// HKDF-SHA256 from the ECDH shared secret to the session's keys and id. The transcript hash is the salt, so the keys
/// are bound to everything the account signed; each output has its own labelled info string, so no two outputs can
/// coincide. Labels are ASCII without a terminator; see docs/PROTOCOL.md.
/// </summary>
public static class SessionKeyDerivation
{
    /// <summary>Size of the HKDF pseudo-random key.</summary>
    public const int PseudoRandomKeySize = 32;

    /// <summary>Info string of the client-to-enclave AES-256-GCM key.</summary>
    public static ReadOnlySpan<byte> ClientToEnclaveLabel => "DarkPool.v1 key client->enclave"u8;

    /// <summary>Info string of the enclave-to-client AES-256-GCM key.</summary>
    public static ReadOnlySpan<byte> EnclaveToClientLabel => "DarkPool.v1 key enclave->client"u8;

    /// <summary>Info string of the 16-byte session id.</summary>
    public static ReadOnlySpan<byte> SessionIdLabel => "DarkPool.v1 session id"u8;

    /// <summary>HKDF-Extract(salt = transcript hash, IKM = shared secret).</summary>
    public static void ComputePseudoRandomKey(ReadOnlySpan<byte> sharedSecret, ReadOnlySpan<byte> transcriptHash, Span<byte> pseudoRandomKey)
    {
        if (sharedSecret.Length != KeyAgreement.SharedSecretSize || transcriptHash.Length != HandshakeLayout.TranscriptHashSize)
        {
            throw new ArgumentException("The shared secret and the transcript hash are 32 bytes each.", nameof(sharedSecret));
        }

        HKDF.Extract(HashAlgorithmName.SHA256, sharedSecret, transcriptHash, pseudoRandomKey);
    }

    /// <summary>Derives the session id and both directional keys.</summary>
    public static SessionKeys Derive(ReadOnlySpan<byte> sharedSecret, ReadOnlySpan<byte> transcriptHash)
    {
        Span<byte> prk = stackalloc byte[PseudoRandomKeySize];
        Span<byte> clientToEnclave = stackalloc byte[SessionKeys.KeySize];
        Span<byte> enclaveToClient = stackalloc byte[SessionKeys.KeySize];
        Span<byte> sessionId = stackalloc byte[SessionId.Size];
        try
        {
            ComputePseudoRandomKey(sharedSecret, transcriptHash, prk);
            HKDF.Expand(HashAlgorithmName.SHA256, prk, clientToEnclave, ClientToEnclaveLabel);
            HKDF.Expand(HashAlgorithmName.SHA256, prk, enclaveToClient, EnclaveToClientLabel);
            HKDF.Expand(HashAlgorithmName.SHA256, prk, sessionId, SessionIdLabel);
            return new SessionKeys(SessionId.FromBytes(sessionId), clientToEnclave, enclaveToClient);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(prk);
            CryptographicOperations.ZeroMemory(clientToEnclave);
            CryptographicOperations.ZeroMemory(enclaveToClient);
        }
    }
}
