using System.Security.Cryptography;
using DarkPool.Protocol.Handshake;

namespace DarkPool.Enclave.Sessions;

/// <summary>
/// The enclave's session key-agreement key (P-256). Its public key is what REPORTDATA binds
/// (<c>ReportDataBinding</c>'s key-agreement key, as the 65-byte SEC1 encoding) and what every handshake transcript
/// names. The private key never leaves the enclave except sealed.
/// </summary>
public sealed class EnclaveKeyAgreementKey : IDisposable
{
    private readonly ECDiffieHellman _key;
    private readonly byte[] _publicKey;
    private readonly Lock _gate = new();

    private EnclaveKeyAgreementKey(ECDiffieHellman key)
    {
        _key = key;
        _publicKey = KeyAgreement.ExportPublicKey(key);
    }

    /// <summary>The public key, 0x04 || X || Y (65 bytes).</summary>
    public ReadOnlySpan<byte> PublicKey => _publicKey;

    /// <summary>A fresh key.</summary>
    public static EnclaveKeyAgreementKey Generate() => new(KeyAgreement.Generate());

    /// <summary>A key from its 32-byte scalar (unsealed, or fixed for test vectors).</summary>
    /// <exception cref="ArgumentException">Not a valid P-256 private key.</exception>
    public static EnclaveKeyAgreementKey FromPrivateKey(ReadOnlySpan<byte> privateKey) => new(KeyAgreement.FromPrivateKey(privateKey));

    /// <summary>The 32-byte scalar, for sealing; the caller owns the copy and should clear it.</summary>
    public byte[] ExportPrivateKey()
    {
        ECParameters parameters = _key.ExportParameters(includePrivateParameters: true);
        CryptographicOperations.ZeroMemory(parameters.Q.X);
        CryptographicOperations.ZeroMemory(parameters.Q.Y);
        return parameters.D!;
    }

    /// <summary>The public key in hex only.</summary>
    public override string ToString() => Convert.ToHexStringLower(_publicKey);

    /// <summary>Releases the key.</summary>
    public void Dispose() => _key.Dispose();

    /// <remarks>Serialised: .NET does not promise that one key object may derive on several threads at once.</remarks>
    internal bool TryDeriveSharedSecret(ReadOnlySpan<byte> peerPublicKey, Span<byte> sharedSecret)
    {
        lock (_gate)
        {
            return KeyAgreement.TryDeriveSharedSecret(_key, peerPublicKey, sharedSecret);
        }
    }
}
