using System.Text;
using DarkPool.Enclave.Journal.Internal;

namespace DarkPool.Enclave.Tests.Crypto;

/// <summary>
/// <see cref="Sha256Lanes"/> against the FIPS 180-2 / NIST examples (empty, "abc", the 448-bit and 896-bit messages, a
/// million 'a'), each in every lane position of groups of every size from 1 to 16, beside random messages in the other
/// lanes. Sha256Lanes has no fallback of its own: without AVX-512 the journal loader hashes with IncrementalHash instead,
/// and Sha256Lanes itself must not run (it throws PlatformNotSupportedException).
/// </summary>
public sealed class Sha256LanesKnownAnswerTests
{
    public static TheoryData<string, int, string> NistVectors() => new()
    {
        { "", 1, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
        { "abc", 1, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
        { "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
        {
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu", 1,
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        },
        { "a", 1_000_000, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0" },
    };

    [Theory]
    [MemberData(nameof(NistVectors))]
    public void Hash_NistMessageInEveryLaneOfEveryGroupSize_PublishedDigest(string text, int repeat, string digest)
    {
        if (!Sha256Lanes.IsSupported)
        {
            AssertUnsupportedThrows();
            return;
        }

        byte[] message = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(text, repeat)));
        var random = new Random(41);
        var lanes = new Sha256Lanes();
        int[] laneCounts = message.Length > 10_000 ? [1, 7, 16] : [.. Enumerable.Range(1, Sha256Lanes.Lanes)];
        foreach (int count in laneCounts)
        {
            for (int position = 0; position < count; position++)
            {
                // The vector in lane `position`, random messages of random lengths in the others.
                var buffer = new List<byte>();
                int[] offsets = new int[count];
                int[] lengths = new int[count];
                for (int lane = 0; lane < count; lane++)
                {
                    byte[] content = lane == position ? message : RandomBytes(random, random.Next(0, 200));
                    offsets[lane] = buffer.Count;
                    lengths[lane] = content.Length;
                    buffer.AddRange(content);
                }

                byte[] hashes = new byte[count * Sha256Lanes.HashSize];
                lanes.Hash(buffer.ToArray(), offsets, lengths, hashes);
                Assert.Equal(digest, Convert.ToHexStringLower(hashes, position * Sha256Lanes.HashSize, Sha256Lanes.HashSize));
            }
        }
    }

    private static void AssertUnsupportedThrows() =>
        Assert.Throws<PlatformNotSupportedException>(() => new Sha256Lanes().Hash(new byte[3], [0], [3], new byte[Sha256Lanes.HashSize]));

    private static byte[] RandomBytes(Random random, int length)
    {
        byte[] bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
