using System.Security.Cryptography;
using DarkPool.Enclave.Journal.Internal;

namespace DarkPool.Enclave.Tests.Pipeline.Crypto;

/// <summary>
/// The 16-lane SHA-256 recovery hashes journal frames with: the same digests as SHA256.HashData for every length class
/// (empty, within one block, the 55/56/64-byte padding edges, many blocks) and for groups of 1 to 16 messages of mixed
/// lengths. (Under Pipeline/ because this change may only add tests there.)
/// </summary>
public sealed class Sha256LanesTests
{
    [Fact]
    public void Hash_MixedLengthsInGroupsOfOneToSixteen_SameAsSha256HashData()
    {
        if (!Sha256Lanes.IsSupported)
        {
            // Without AVX-512 recovery hashes one frame at a time with IncrementalHash; nothing here runs.
            return;
        }

        var random = new Random(11);
        var lanes = new Sha256Lanes();
        int[] edges = [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 373];
        for (int trial = 0; trial < 400; trial++)
        {
            int count = (trial % Sha256Lanes.Lanes) + 1;
            int[] lengths = [.. Enumerable.Range(0, count).Select(_ => random.Next(3) == 0 ? edges[random.Next(edges.Length)] : random.Next(0, 1_200))];
            int[] offsets = new int[count];
            int total = 7;
            for (int i = 0; i < count; i++)
            {
                offsets[i] = total;
                total += lengths[i] + random.Next(0, 5);
            }

            byte[] buffer = new byte[total];
            random.NextBytes(buffer);
            byte[] hashes = new byte[count * Sha256Lanes.HashSize];
            lanes.Hash(buffer, offsets, lengths, hashes);

            for (int i = 0; i < count; i++)
            {
                byte[] expected = SHA256.HashData(buffer.AsSpan(offsets[i], lengths[i]));
                Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(hashes, i * Sha256Lanes.HashSize, Sha256Lanes.HashSize));
            }
        }
    }

    [Fact]
    public void Hash_MoreThanSixteenOrMismatchedArguments_Throws()
    {
        var lanes = new Sha256Lanes();
        Assert.Throws<ArgumentException>(() => lanes.Hash(new byte[64], new int[17], new int[17], new byte[17 * 32]));
        Assert.Throws<ArgumentException>(() => lanes.Hash(new byte[64], new int[2], new int[1], new byte[64]));
        Assert.Throws<ArgumentException>(() => lanes.Hash(new byte[64], new int[2], new int[2], new byte[32]));
    }
}
