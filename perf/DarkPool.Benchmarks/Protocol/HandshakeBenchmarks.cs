using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using DarkPool.Enclave.Sessions;
using DarkPool.Protocol.Accounts;
using DarkPool.Protocol.Client;

namespace DarkPool.Benchmarks.Protocol;

/// <summary>
/// Opening a session: the client's side (ephemeral P-256 key, secp256k1 signature, HKDF) and the enclave's
/// verification (secp256k1 import and verify, P-256 ECDH, HKDF), which runs before journaling, off the sequencing thread.
/// </summary>
public class HandshakeBenchmarks
{
    private const long Now = 1_767_225_600_000;
    private EnclaveKeyAgreementKey _enclaveKey = null!;
    private Secp256k1AccountKey _account = null!;
    private HandshakeVerifier _verifier = null!;
    private byte[] _quoteHash = [];
    private byte[] _message = [];

    [GlobalSetup]
    public void GlobalSetup()
    {
        _enclaveKey = EnclaveKeyAgreementKey.Generate();
        _account = Secp256k1AccountKey.Generate();
        var quotes = new QuoteRegistry();
        quotes.Register("benchmark quote"u8);
        _quoteHash = SHA256.HashData("benchmark quote"u8);
        _verifier = new HandshakeVerifier(_enclaveKey, quotes);
        using ClientSession client = ClientSession.Create(_enclaveKey.PublicKey, _quoteHash, _account, Now + 60_000);
        _message = client.HandshakeMessage.ToArray();
    }

    [GlobalCleanup]
    public void GlobalCleanup()
    {
        _account.Dispose();
        _enclaveKey.Dispose();
    }

    /// <summary>Client: a new session and its handshake message.</summary>
    [Benchmark]
    public ClientSession ClientCreate()
    {
        ClientSession session = ClientSession.Create(_enclaveKey.PublicKey, _quoteHash, _account, Now + 60_000);
        session.Dispose();
        return session;
    }

    /// <summary>Enclave: verify a handshake and derive the session keys.</summary>
    [Benchmark]
    public bool EnclaveVerify() => _verifier.TryVerify(_message, out _, out _);
}
