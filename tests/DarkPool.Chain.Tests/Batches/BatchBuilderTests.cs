using System.Numerics;
using System.Security.Cryptography;
using DarkPool.Chain.Batches;
using DarkPool.Chain.Entries;
using Nethereum.Signer;

namespace DarkPool.Chain.Tests.Batches;

/// <summary>The reused batch buffer gives exactly the bytes of the plain path (entries joined, then encoded), batch after batch.</summary>
public sealed class BatchBuilderTests
{
    private static readonly SettlementDomain Domain = BatchDescriptorTests.Domain;
    private static readonly EthAddress Token = BatchDescriptorTests.TokenA;
    private static readonly byte[] Secret = [1, 2, 3, 4];
    private static readonly ChainKey Enclave = ChainKey.Generate();

    /// <summary>A batch's inputs: accounts with their public keys and plaintexts, withdrawals.</summary>
    private sealed record Inputs(ulong Sequence, IReadOnlyList<(ChainKey Account, byte[] PublicKey, byte[] Plaintext)> Entries, IReadOnlyList<Withdrawal> Withdrawals);

    private static Inputs MakeInputs(ulong sequence, int accounts, int withdrawals, int itemsEach)
    {
        var entries = new List<(ChainKey, byte[], byte[])>();
        for (int i = 0; i < accounts; i++)
        {
            ChainKey account = ChainKey.Generate();
            var items = Enumerable.Range(0, itemsEach).Select(n => EntryItem.Fill(1, 1, 2, 1000 + n, n + 1, 3, (ulong)(n + i))).ToList();
            entries.Add((account, PublicKeyOf(account), new SettlementEntry(account.Address, sequence, items).Encode()));
        }

        var paid = Enumerable.Range(1, withdrawals).Select(i => new Withdrawal(Token, ChainKey.Generate().Address, new BigInteger(i) << ((int)((ulong)i + sequence) % 36 * 7))).ToList();
        return new Inputs(sequence, entries, paid);
    }

    private static byte[] PublicKeyOf(ChainKey account) => new EthECKey(account.ExportPrivateKey(), true).GetPubKey();

    private static DepositCursor Cursor(ulong sequence) => new(sequence * 3, Hash32.FromBytes(Enumerable.Repeat((byte)sequence, 32).ToArray()));

    /// <summary>The plain path: every entry its own array, joined, a batch, encoded, signed.</summary>
    private static SignedBatch Plain(Inputs inputs)
    {
        var entries = inputs.Entries.Select(e => EntryCipher.Encrypt(
            EntryCipher.DeriveEphemeral(Secret, inputs.Sequence, e.Account.Address), e.PublicKey, inputs.Sequence, e.Plaintext)).ToList();
        byte[] ciphertext = inputs.Entries.Count == 0 ? [] : BatchCiphertext.Join(entries);
        var batch = new SettlementBatch(inputs.Sequence, Hash32.Zero, Hash32.Zero, Cursor(inputs.Sequence), inputs.Withdrawals, ciphertext);
        return BatchDescriptor.Sign(batch, Domain, Enclave);
    }

    private static SignedBatch Build(BatchBuilder builder, Inputs inputs)
    {
        builder.Begin(inputs.Sequence, Hash32.Zero, Hash32.Zero, Cursor(inputs.Sequence), inputs.Withdrawals, withCiphertext: inputs.Entries.Count > 0);
        foreach ((ChainKey account, byte[] publicKey, byte[] plaintext) in inputs.Entries)
        {
            builder.AddEntry(EntryCipher.DeriveEphemeral(Secret, inputs.Sequence, account.Address), publicKey, plaintext);
        }

        return builder.Sign(Domain, Enclave);
    }

    private static void AssertSame(SignedBatch expected, SignedBatch actual)
    {
        Assert.Equal(expected.Encoded.ToArray(), actual.Encoded.ToArray());
        Assert.Equal(expected.Hash, actual.Hash);
        Assert.Equal(BatchDescriptor.Hash(actual.Encoded.Span), actual.Hash);
        Assert.Equal(expected.Signature.ToArray(), actual.Signature.ToArray());
    }

    [Fact]
    public void Sign_EntriesAndWithdrawals_SameBytesAsJoiningAndEncoding_AndEveryAccountOpensItsEntry()
    {
        Inputs inputs = MakeInputs(5, accounts: 4, withdrawals: 3, itemsEach: 2);

        SignedBatch built = Build(new BatchBuilder(), inputs);

        AssertSame(Plain(inputs), built);
        Assert.True(BatchDescriptor.Verify(built, Domain, Enclave.Address));
        foreach ((ChainKey account, _, byte[] plaintext) in inputs.Entries)
        {
            SettlementEntry mine = Assert.Single(BatchCiphertext.OpenMine(built.Decode().Ciphertext.Span, 5, account.ExportPrivateKey()));
            Assert.Equal(plaintext, mine.Encode());
        }
    }

    [Fact]
    public void Sign_LargeBatchThenSmallOnes_EachHasOnlyItsOwnBytes_InTheSameBuffer()
    {
        var builder = new BatchBuilder();
        Inputs large = MakeInputs(1, accounts: 100, withdrawals: 40, itemsEach: 20);
        Inputs small = MakeInputs(2, accounts: 1, withdrawals: 1, itemsEach: 1);
        Inputs bare = MakeInputs(3, accounts: 0, withdrawals: 2, itemsEach: 0);
        Inputs empty = MakeInputs(4, accounts: 0, withdrawals: 0, itemsEach: 0);

        SignedBatch first = Build(builder, large);
        byte[] firstBytes = first.Encoded.ToArray();
        int capacity = builder.Capacity;
        Assert.True(firstBytes.Length > 85_000, "the large batch is a large-object-heap size");
        AssertSame(Plain(large), first);

        AssertSame(Plain(small), Build(builder, small));
        AssertSame(Plain(bare), Build(builder, bare));
        AssertSame(Plain(empty), Build(builder, empty));
        Assert.Equal(BatchDescriptor.HeaderSize, Build(builder, empty).Encoded.Length);
        Assert.Equal(capacity, builder.Capacity);

        // Built again after the small ones, the large batch is again byte for byte the first one.
        AssertSame(Plain(large), Build(builder, large));
        Assert.Equal(firstBytes, builder.Buffer[..firstBytes.Length].ToArray());
        Assert.Equal(capacity, builder.Capacity);
    }

    [Fact]
    public void Buffer_AfterBatches_NeverHeldAnEntrysPlaintext()
    {
        var builder = new BatchBuilder();
        Inputs inputs = MakeInputs(9, accounts: 8, withdrawals: 0, itemsEach: 6);

        _ = Build(builder, inputs);

        foreach ((_, _, byte[] plaintext) in inputs.Entries)
        {
            // The items start after the 32-byte entry head; any 32 bytes of them would be found if they had been copied.
            Assert.Equal(-1, builder.Buffer.IndexOf(plaintext.AsSpan(32, 32)));
        }
    }

    [Fact]
    public void AddEntry_KeyOffTheCurve_ThrowsAndLeavesTheBatchAsItWas()
    {
        var builder = new BatchBuilder();
        Inputs inputs = MakeInputs(6, accounts: 2, withdrawals: 1, itemsEach: 1);
        byte[] offCurve = PublicKeyOf(ChainKey.Generate());
        offCurve[64] ^= 1;

        builder.Begin(6, Hash32.Zero, Hash32.Zero, Cursor(6), inputs.Withdrawals, withCiphertext: true);
        (ChainKey a, byte[] aKey, byte[] aText) = inputs.Entries[0];
        (ChainKey b, byte[] bKey, byte[] bText) = inputs.Entries[1];
        builder.AddEntry(EntryCipher.DeriveEphemeral(Secret, 6, a.Address), aKey, aText);
        Assert.Throws<ArgumentException>(() => builder.AddEntry(EntryCipher.DeriveEphemeral(Secret, 6, b.Address), offCurve, bText));
        Assert.Throws<ArgumentException>(() => builder.AddEntry(new byte[32], bKey, bText));
        builder.AddEntry(EntryCipher.DeriveEphemeral(Secret, 6, b.Address), bKey, bText);

        AssertSame(Plain(inputs), builder.Sign(Domain, Enclave));
    }

    [Fact]
    public void Sign_Version2_SameBytesAsJoiningAndEncoding_EveryAccountOpensItsEntry_AndVersionsDoNotMix()
    {
        using EntryKey key = EntryKey.Derive(Secret);
        var builder = new BatchBuilder();
        Inputs inputs = MakeInputs(8, accounts: 5, withdrawals: 2, itemsEach: 3);

        builder.Begin(inputs.Sequence, Hash32.Zero, Hash32.Zero, Cursor(inputs.Sequence), inputs.Withdrawals, withCiphertext: true, key);
        Assert.Throws<InvalidOperationException>(() => builder.AddEntry(RandomNumberGenerator.GetBytes(32), inputs.Entries[0].PublicKey, inputs.Entries[0].Plaintext));
        foreach ((_, byte[] publicKey, byte[] plaintext) in inputs.Entries)
        {
            builder.AddEntry(publicKey, plaintext);
        }

        SignedBatch built = builder.Sign(Domain, Enclave);

        var entries = inputs.Entries.Select(e =>
        {
            byte[] entry = new byte[EntryCipher.OverheadV2 + e.Plaintext.Length];
            _ = key.Encrypt(e.PublicKey, inputs.Sequence, Hash32.Zero, e.Plaintext, entry);
            return entry;
        }).ToList();
        var plain = new SettlementBatch(inputs.Sequence, Hash32.Zero, Hash32.Zero, Cursor(inputs.Sequence), inputs.Withdrawals,
            BatchCiphertext.JoinV2(key.PublicKey, entries));
        AssertSame(BatchDescriptor.Sign(plain, Domain, Enclave), built);
        foreach ((ChainKey account, _, byte[] plaintext) in inputs.Entries)
        {
            SettlementEntry mine = Assert.Single(BatchCiphertext.OpenMine(built.Decode().Ciphertext.Span, 8, Hash32.Zero, account.ExportPrivateKey()));
            Assert.Equal(plaintext, mine.Encode());
        }

        // A version 1 batch in the same builder afterwards is the plain version 1 path's, byte for byte.
        builder.Begin(inputs.Sequence, Hash32.Zero, Hash32.Zero, Cursor(inputs.Sequence), inputs.Withdrawals, withCiphertext: true);
        Assert.Throws<InvalidOperationException>(() => builder.AddEntry(inputs.Entries[0].PublicKey, inputs.Entries[0].Plaintext));
        AssertSame(Plain(inputs), Build(builder, inputs));
    }

    [Fact]
    public void Complete_HashWithoutSigning_ThenSignGivesThatHash_AndNoMoreEntries()
    {
        var builder = new BatchBuilder();
        Inputs inputs = MakeInputs(4, accounts: 2, withdrawals: 1, itemsEach: 1);
        builder.Begin(inputs.Sequence, Hash32.Zero, Hash32.Zero, Cursor(inputs.Sequence), inputs.Withdrawals, withCiphertext: true);
        foreach ((ChainKey account, byte[] publicKey, byte[] plaintext) in inputs.Entries)
        {
            builder.AddEntry(EntryCipher.DeriveEphemeral(Secret, inputs.Sequence, account.Address), publicKey, plaintext);
        }

        Hash32 hash = builder.Complete();

        Assert.Equal(hash, builder.Complete());
        Assert.Throws<InvalidOperationException>(() => builder.AddEntry(RandomNumberGenerator.GetBytes(32), inputs.Entries[0].PublicKey, inputs.Entries[0].Plaintext));
        SignedBatch signed = builder.Sign(Domain, Enclave);
        Assert.Equal(hash, signed.Hash);
        AssertSame(Plain(inputs), signed);
    }

    [Fact]
    public void Builder_OutOfOrderOrBadWithdrawals_TypedErrors()
    {
        var builder = new BatchBuilder();
        byte[] ephemeral = RandomNumberGenerator.GetBytes(32);
        byte[] key = PublicKeyOf(ChainKey.Generate());

        Assert.Throws<InvalidOperationException>(() => builder.AddEntry(ephemeral, key, new byte[256]));
        Assert.Throws<InvalidOperationException>(() => builder.Sign(Domain, Enclave));
        builder.Begin(1, Hash32.Zero, Hash32.Zero, default, [], withCiphertext: false);
        Assert.Throws<InvalidOperationException>(() => builder.AddEntry(ephemeral, key, new byte[256]));
        _ = builder.Sign(Domain, Enclave);
        Assert.Throws<InvalidOperationException>(() => builder.Sign(Domain, Enclave));
        Assert.Throws<InvalidOperationException>(() => builder.Complete());
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Begin(1, Hash32.Zero, Hash32.Zero, default, [new Withdrawal(Token, Token, BigInteger.Pow(2, 256))], true));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Begin(1, Hash32.Zero, Hash32.Zero, default, [new Withdrawal(Token, Token, -1)], true));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Begin(1, Hash32.Zero, Hash32.Zero, default, new Withdrawal[BatchDescriptor.MaxWithdrawals + 1], true));
    }
}
