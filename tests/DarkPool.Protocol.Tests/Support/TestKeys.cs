using System.Security.Cryptography;
using DarkPool.Protocol.Accounts;
using DarkPool.Protocol.Handshake;

namespace DarkPool.Protocol.Tests.Support;

/// <summary>Fixed keys and values, the same as the test vectors in docs/PROTOCOL.md.</summary>
internal static class TestKeys
{
    public const long HandshakeExpiry = 1_767_225_600_000; // 2026-01-01T00:00:00Z

    public static byte[] Repeat(byte value) => Enumerable.Repeat(value, 32).ToArray();

    public static ECDiffieHellman EnclaveKey() => KeyAgreement.FromPrivateKey(Repeat(0x11));

    public static ECDiffieHellman EphemeralKey() => KeyAgreement.FromPrivateKey(Repeat(0x22));

    public static Secp256k1AccountKey Account() => Secp256k1AccountKey.FromPrivateKey(Repeat(0x33));

    public static byte[] QuoteHash() => Repeat(0x44);
}
