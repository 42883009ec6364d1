using Org.BouncyCastle.Crypto.Digests;

namespace DarkPool.Chain.Internal;

/// <summary>Keccak-256 as Ethereum uses it (the original Keccak padding, not SHA3-256).</summary>
internal static class Keccak
{
    /// <summary>Hashes <paramref name="data"/> where it is: a batch's megabyte is not copied first.</summary>
    public static Hash32 Hash(ReadOnlySpan<byte> data)
    {
        var digest = new KeccakDigest(256);
        digest.BlockUpdate(data);
        Span<byte> hash = stackalloc byte[Hash32.Size];
        _ = digest.DoFinal(hash);
        return Hash32.FromBytes(hash);
    }
}
