using Nethereum.Util;

namespace DarkPool.Chain.Internal;

/// <summary>Keccak-256 as Ethereum uses it (the original Keccak padding, not SHA3-256).</summary>
internal static class Keccak
{
    public static Hash32 Hash(ReadOnlySpan<byte> data) => Hash32.FromBytes(new Sha3Keccack().CalculateHash(data.ToArray()));
}
