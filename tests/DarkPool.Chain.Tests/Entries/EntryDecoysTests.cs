using System.Buffers.Binary;
using System.Security.Cryptography;
using DarkPool.Chain.Batches;
using DarkPool.Chain.Entries;
using Nethereum.Signer;

namespace DarkPool.Chain.Tests.Entries;

/// <summary>Decoy entries: the count padded to a bucket, decoys that open for nobody, in an order drawn from the secret.</summary>
public sealed class EntryDecoysTests
{
    private static readonly byte[] Secret = RandomNumberGenerator.GetBytes(32);
    private static readonly Hash32 Head = Hash32.FromBytes(Enumerable.Repeat((byte)7, 32).ToArray());

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 16)]
    [InlineData(15, 16)]
    [InlineData(16, 16)]
    [InlineData(17, 32)]
    [InlineData(512, 512)]
    [InlineData(513, 528)]
    public void Total_PadsToTheBucketWithAMinimum(int real, int total) => Assert.Equal(total, EntryDecoys.Total(real));

    [Fact]
    public void Total_Negative_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => EntryDecoys.Total(-1));

    [Fact]
    public void Order_TakesExactlyTheCounts_SameForTheSameInputs_AndPlacesDecoysEverywhere()
    {
        var firstDecoyAt = new HashSet<int>();
        var realAt = new HashSet<int>();
        byte[] otherSecret = RandomNumberGenerator.GetBytes(32);
        int sameUnderOtherSecret = 0;
        int sameUnderOtherHead = 0;
        for (ulong sequence = 1; sequence <= 64; sequence++)
        {
            bool[] positions = Positions(Secret, sequence, real: 3, decoys: 13);
            Assert.Equal(positions, Positions(Secret, sequence, real: 3, decoys: 13));
            sameUnderOtherSecret += positions.SequenceEqual(Positions(otherSecret, sequence, 3, 13)) ? 1 : 0;
            sameUnderOtherHead += positions.SequenceEqual(Positions(Secret, sequence, 3, 13, Hash32.Zero)) ? 1 : 0;
            Assert.Equal(13, positions.Count(p => p));
            firstDecoyAt.Add(Array.IndexOf(positions, true));
            foreach (int i in Enumerable.Range(0, positions.Length).Where(i => !positions[i]))
            {
                realAt.Add(i);
            }
        }

        // Sixty-four batches put the three real entries in at least a dozen different places (each place has 3/16).
        Assert.True(realAt.Count >= 12, $"real entries only ever at {string.Join(", ", realAt)}");
        Assert.True(firstDecoyAt.Count > 1);

        // Another secret or another history draws other arrangements (560 are possible: a few may coincide by chance).
        Assert.True(sameUnderOtherSecret < 8, $"{sameUnderOtherSecret} of 64 arrangements equal under another secret");
        Assert.True(sameUnderOtherHead < 8, $"{sameUnderOtherHead} of 64 arrangements equal under another journal head");
        Assert.All(Positions(Secret, 9, 0, 16), Assert.True);
        Assert.All(Positions(Secret, 9, 16, 0), Assert.False);
    }

    [Fact]
    public void Order_PastTheLastPositionOrNegativeCounts_Throws()
    {
        using var order = new EntryDecoys.Order(Secret, 1, Head, real: 1, decoys: 1);
        _ = order.NextIsDecoy();
        _ = order.NextIsDecoy();
        Assert.Throws<InvalidOperationException>(() => order.NextIsDecoy());
        Assert.Throws<ArgumentOutOfRangeException>(() => order.NextIndex(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EntryDecoys.Order(Secret, 1, Head, real: -1, decoys: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EntryDecoys.Order(Secret, 1, Head, real: 1, decoys: -1));
    }

    [Fact]
    public void NextIndex_DrawsEveryRealEntryLength_InRange()
    {
        using var order = new EntryDecoys.Order(Secret, 3, Head, real: 0, decoys: 0);
        int[] counts = new int[5];
        for (int i = 0; i < 500; i++)
        {
            counts[order.NextIndex(5)]++;
        }

        // 500 draws over 5 values: each is drawn (a value never drawn has probability 5 × 0.8^500).
        Assert.All(counts, c => Assert.InRange(c, 1, 500));
        Assert.Equal(500, counts.Sum());
    }

    [Fact]
    public void AddDecoy_AsLongAsAsked_OpensForNobody_AndIsTheSameBytesForTheSameKey()
    {
        using EntryKey entryKey = EntryKey.Derive(Secret);
        ChainKey alice = ChainKey.Generate();
        byte[] alicePublic = new EthECKey(alice.ExportPrivateKey(), true).GetPubKey();
        byte[] decoyKey = new byte[32];
        EntryDecoys.Key(Secret, 4, Head, 0, decoyKey);

        byte[] first = Build(entryKey, decoyKey, alicePublic, alice);
        byte[] again = Build(entryKey, decoyKey, alicePublic, alice);

        Assert.Equal(first, again);
        ReadOnlySpan<byte> ciphertext = first;
        Assert.Equal(2, BinaryPrimitives.ReadInt32BigEndian(ciphertext[(5 + 65)..]));
        int firstLength = BinaryPrimitives.ReadInt32BigEndian(ciphertext[74..]);
        Assert.Equal(512, BinaryPrimitives.ReadInt32BigEndian(ciphertext[(74 + 4 + firstLength + 16)..]));
        Assert.Equal(ciphertext.Length, 74 + 4 + firstLength + 16 + 4 + 512 + 16);
        Assert.Single(BatchCiphertext.OpenMine(first, 4, Head, alice.ExportPrivateKey()));
        Assert.Empty(BatchCiphertext.OpenMine(first, 4, Head, ChainKey.Generate().ExportPrivateKey()));
        byte[] otherKey = new byte[32];
        EntryDecoys.Key(Secret, 4, Head, 1, otherKey);
        Assert.NotEqual(decoyKey, otherKey);
        EntryDecoys.Key(Secret, 5, Head, 0, otherKey);
        Assert.NotEqual(decoyKey, otherKey);
        EntryDecoys.Key(Secret, 4, Hash32.Zero, 0, otherKey);
        Assert.NotEqual(decoyKey, otherKey);
    }

    [Fact]
    public void AddDecoy_Version1BatchOrShortKey_Refused()
    {
        var builder = new BatchBuilder();
        builder.Begin(1, Hash32.Zero, Head, default, [], withCiphertext: true);
        Assert.Throws<InvalidOperationException>(() => builder.AddDecoy(new byte[32], 256));
        using EntryKey entryKey = EntryKey.Derive(Secret);
        builder.Begin(1, Hash32.Zero, Head, default, [], withCiphertext: true, entryKey);
        Assert.Throws<ArgumentException>(() => builder.AddDecoy(new byte[31], 256));
        foreach (int badLength in new[] { 0, -256, 255, 257 })
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => builder.AddDecoy(new byte[32], badLength));
        }
    }

    private static byte[] Build(EntryKey entryKey, byte[] decoyKey, byte[] alicePublic, ChainKey alice)
    {
        var builder = new BatchBuilder();
        builder.Begin(4, Hash32.Zero, Head, default, [], withCiphertext: true, entryKey);
        builder.AddEntry(alicePublic, new SettlementEntry(alice.Address, 4, [EntryItem.Deposit(1, 1, 5)]).Encode());
        builder.AddDecoy(decoyKey, 512);
        return builder.Sign(DarkPool.Chain.Tests.Batches.BatchDescriptorTests.Domain, ChainKey.Generate()).Decode().Ciphertext.ToArray();
    }

    private static bool[] Positions(byte[] secret, ulong sequence, int real, int decoys) => Positions(secret, sequence, real, decoys, Head);

    private static bool[] Positions(byte[] secret, ulong sequence, int real, int decoys, Hash32 head)
    {
        using var order = new EntryDecoys.Order(secret, sequence, head, real, decoys);
        return [.. Enumerable.Range(0, real + decoys).Select(_ => order.NextIsDecoy())];
    }
}
