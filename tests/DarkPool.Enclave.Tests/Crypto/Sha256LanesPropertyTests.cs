using System.Security.Cryptography;
using CsCheck;
using DarkPool.Enclave.Journal.Internal;

namespace DarkPool.Enclave.Tests.Crypto;

/// <summary>
/// <see cref="Sha256Lanes"/> against SHA256.HashData for every group size it supports (0 to 16 messages), each lane with
/// its own length and offset in one shared buffer (messages may overlap), lengths weighted to the padding edges; the
/// lanes are independent, an instance is reusable, nothing past the group's hashes is written, and bad offsets or
/// lengths are refused. Skipped work is reported, not hidden: without AVX-512 these tests check that Hash refuses to run.
/// </summary>
public sealed class Sha256LanesPropertyTests
{
    private static readonly Gen<int> MessageLength = Gen.Frequency(
        (3, Gen.OneOf(0, 1, 54, 55, 56, 57, 63, 64, 65, 118, 119, 120, 121, 127, 128, 129, 191, 192, 193, 370, 373)),
        (2, Gen.Int[0, 700]),
        (1, Gen.Int[700, 3_000]));

    /// <summary>A buffer and up to 16 (offset, length) pairs inside it.</summary>
    private static readonly Gen<(byte[] Buffer, int[] Offsets, int[] Lengths)> Groups =
        Gen.Int[0, Sha256Lanes.Lanes].SelectMany(count => MessageLength.Array[count]).SelectMany(lengths =>
            Gen.Int[0, 300].SelectMany(slack =>
            {
                int size = (lengths.Length == 0 ? 0 : lengths.Max()) + slack;
                return Gen.Select(
                    Gen.Byte.Array[size],
                    Gen.Int[0, int.MaxValue].Array[lengths.Length],
                    (buffer, starts) => (buffer, starts.Select((s, i) => s % (size - lengths[i] + 1)).ToArray(), lengths));
            }));

    private static readonly ThreadLocal<Sha256Lanes> PerThread = new(() => new Sha256Lanes());

    [Fact]
    public void Hash_RandomGroupsOfZeroToSixteen_SameAsSha256HashData()
    {
        if (!RequireAvx512())
        {
            return;
        }

        // One instance per test thread, reused across samples: a group must not see anything of the previous one.
        Groups.Sample(
            g =>
            {
                byte[] hashes = new byte[g.Offsets.Length * Sha256Lanes.HashSize];
                PerThread.Value!.Hash(g.Buffer, g.Offsets, g.Lengths, hashes);
                for (int lane = 0; lane < g.Offsets.Length; lane++)
                {
                    byte[] expected = SHA256.HashData(g.Buffer.AsSpan(g.Offsets[lane], g.Lengths[lane]));
                    Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(hashes, lane * Sha256Lanes.HashSize, Sha256Lanes.HashSize));
                }
            },
            iter: 600);
    }

    [Fact]
    public void Hash_OneLanesBytesChanged_OnlyThatLanesDigestChanges()
    {
        if (!RequireAvx512())
        {
            return;
        }

        var random = new Random(51);
        var lanes = new Sha256Lanes();
        for (int trial = 0; trial < 50; trial++)
        {
            int count = random.Next(2, Sha256Lanes.Lanes + 1);
            int[] lengths = [.. Enumerable.Range(0, count).Select(_ => random.Next(1, 400))];
            int[] offsets = new int[count];
            for (int i = 1; i < count; i++)
            {
                offsets[i] = offsets[i - 1] + lengths[i - 1];
            }

            byte[] buffer = new byte[offsets[^1] + lengths[^1]];
            random.NextBytes(buffer);
            byte[] before = new byte[count * Sha256Lanes.HashSize];
            lanes.Hash(buffer, offsets, lengths, before);

            int changed = random.Next(count);
            buffer[offsets[changed] + random.Next(lengths[changed])] ^= (byte)random.Next(1, 256);
            byte[] after = new byte[count * Sha256Lanes.HashSize];
            lanes.Hash(buffer, offsets, lengths, after);

            for (int lane = 0; lane < count; lane++)
            {
                bool same = before.AsSpan(lane * Sha256Lanes.HashSize, Sha256Lanes.HashSize).SequenceEqual(after.AsSpan(lane * Sha256Lanes.HashSize, Sha256Lanes.HashSize));
                Assert.Equal(lane != changed, same);
            }
        }
    }

    [Fact]
    public void Hash_LongGroupThenShortGroup_ShortGroupUnaffectedAndNothingWrittenPastIt()
    {
        if (!RequireAvx512())
        {
            return;
        }

        var random = new Random(52);
        var lanes = new Sha256Lanes();
        byte[] big = new byte[16 * 2_000];
        random.NextBytes(big);
        lanes.Hash(big, [.. Enumerable.Range(0, 16).Select(i => i * 2_000)], [.. Enumerable.Repeat(2_000, 16)], new byte[16 * Sha256Lanes.HashSize]);

        byte[] small = [1, 2, 3];
        byte[] hashes = new byte[4 * Sha256Lanes.HashSize];
        hashes.AsSpan().Fill(0xEE);
        lanes.Hash(small, [0, 1], [3, 0], hashes);
        Assert.Equal(SHA256.HashData(small), hashes[..32]);
        Assert.Equal(SHA256.HashData([]), hashes[32..64]);
        Assert.DoesNotContain(hashes[64..], b => b != 0xEE);
    }

    [Fact]
    public void Hash_BadOffsetsOrLengths_ThrowArgumentException()
    {
        var lanes = new Sha256Lanes();
        byte[] buffer = new byte[256];
        byte[] hashes = new byte[2 * Sha256Lanes.HashSize];

        Assert.Throws<ArgumentOutOfRangeException>(() => lanes.Hash(buffer, [0], [257], hashes));
        Assert.Throws<ArgumentOutOfRangeException>(() => lanes.Hash(buffer, [200], [57], hashes));
        Assert.Throws<ArgumentOutOfRangeException>(() => lanes.Hash(buffer, [-1], [10], hashes));
        Assert.Throws<ArgumentOutOfRangeException>(() => lanes.Hash(buffer, [0], [-1], hashes));
        Assert.Throws<ArgumentOutOfRangeException>(() => lanes.Hash(buffer, [0, int.MaxValue], [10, 10], hashes));

        // A negative multiple of the block size: the tail then lies inside the buffer, so only a length check refuses it.
        Assert.Throws<ArgumentOutOfRangeException>(() => lanes.Hash(buffer, [128], [-64], hashes));
        Assert.Throws<ArgumentOutOfRangeException>(() => lanes.Hash(buffer, [0, 200], [10, -128], hashes));
    }

    private static bool RequireAvx512()
    {
        if (Sha256Lanes.IsSupported)
        {
            return true;
        }

        // Without AVX-512 the journal loader does not call Sha256Lanes; calling it anyway must fail loudly.
        Assert.Throws<PlatformNotSupportedException>(() => new Sha256Lanes().Hash(new byte[3], [0], [3], new byte[Sha256Lanes.HashSize]));
        return false;
    }
}
