using DarkPool.Chain.Batches;
using DarkPool.Chain.Entries;
using Nethereum.Signer;

namespace DarkPool.Chain.Tests.Entries;

public sealed class SettlementEntryTests
{
    private static readonly EthAddress Account = EthAddress.Parse("0x3333333333333333333333333333333333333333");

    [Fact]
    public void Encode_EveryItemKind_RoundTripsPadded()
    {
        var entry = new SettlementEntry(Account, 9,
        [
            EntryItem.Fill(1, 1, 2, 50_000, 3, 15, ulong.MaxValue),
            EntryItem.Deposit(4, 2, long.MaxValue),
            EntryItem.Withdrawal(1, 7),
            EntryItem.Balance(2, -1, 8),
        ]);

        byte[] bytes = entry.Encode();

        Assert.Equal(0, bytes.Length % SettlementEntry.PaddingBlock);
        Assert.True(SettlementEntry.TryDecode(bytes, out SettlementEntry? decoded));
        Assert.Equal(entry.Account, decoded.Account);
        Assert.Equal(entry.Sequence, decoded.Sequence);
        Assert.Equal(entry.Items, decoded.Items);
    }

    [Fact]
    public void Encode_ManyItems_GrowsByWholeBlocks()
    {
        var items = Enumerable.Range(0, 20).Select(i => EntryItem.Fill(1, 1, 1, i, i, 0, (ulong)i)).ToList();
        Assert.Equal(1024, new SettlementEntry(Account, 1, items).Encode().Length);
        Assert.Equal(256, new SettlementEntry(Account, 1, []).Encode().Length);
    }

    [Fact]
    public void TryDecode_Damaged_Refused()
    {
        byte[] bytes = new SettlementEntry(Account, 1, [EntryItem.Withdrawal(1, 7)]).Encode();

        byte[] badVersion = (byte[])bytes.Clone();
        badVersion[0] = 2;
        byte[] unknownKind = (byte[])bytes.Clone();
        unknownKind[31] = 9;
        byte[] dirtyPadding = (byte[])bytes.Clone();
        dirtyPadding[^1] = 1;
        byte[] tooManyItems = (byte[])bytes.Clone();
        tooManyItems[30] = 200;

        Assert.False(SettlementEntry.TryDecode(badVersion, out _));
        Assert.False(SettlementEntry.TryDecode(unknownKind, out _));
        Assert.False(SettlementEntry.TryDecode(dirtyPadding, out _));
        Assert.False(SettlementEntry.TryDecode(tooManyItems, out _));
        Assert.False(SettlementEntry.TryDecode(bytes.AsSpan(0, 100), out _));
    }

    [Fact]
    public void OpenMine_TwoAccounts_EachOpensOnlyItsOwn()
    {
        ChainKey alice = ChainKey.Generate();
        ChainKey bob = ChainKey.Generate();
        byte[] secret = [7, 7, 7];
        byte[] ciphertext = BatchCiphertext.Join(
        [
            Seal(secret, alice, 3, EntryItem.Deposit(1, 1, 100)),
            Seal(secret, bob, 3, EntryItem.Deposit(2, 2, 200)),
        ]);

        SettlementEntry mine = Assert.Single(BatchCiphertext.OpenMine(ciphertext, 3, alice.ExportPrivateKey()));
        SettlementEntry his = Assert.Single(BatchCiphertext.OpenMine(ciphertext, 3, bob.ExportPrivateKey()));

        Assert.Equal(alice.Address, mine.Account);
        Assert.Equal(100, Assert.Single(mine.Items).Quantity);
        Assert.Equal(bob.Address, his.Account);
        Assert.Empty(BatchCiphertext.OpenMine(ciphertext, 3, ChainKey.Generate().ExportPrivateKey()));
        Assert.Empty(BatchCiphertext.OpenMine(ciphertext, 4, alice.ExportPrivateKey()));
    }

    [Fact]
    public void OpenMine_Malformed_Throws()
    {
        ChainKey alice = ChainKey.Generate();
        byte[] ciphertext = BatchCiphertext.Join([Seal([1], alice, 1, EntryItem.Withdrawal(1, 1))]);

        Assert.Throws<BatchFormatException>(() => BatchCiphertext.OpenMine(ciphertext.AsSpan(0, ciphertext.Length - 1), 1, alice.ExportPrivateKey()));
        Assert.Throws<BatchFormatException>(() => BatchCiphertext.OpenMine([.. ciphertext, 0], 1, alice.ExportPrivateKey()));
        Assert.Throws<BatchFormatException>(() => BatchCiphertext.OpenMine("XXXX\u0001"u8.ToArray(), 1, alice.ExportPrivateKey()));
        Assert.Throws<BatchFormatException>(() => BatchCiphertext.OpenMine([.. "DPSE"u8, 1, 0xff, 0xff, 0xff, 0xff], 1, alice.ExportPrivateKey()));
        Assert.Throws<BatchFormatException>(() => BatchCiphertext.OpenMine([.. ciphertext[..5], 0x80, .. ciphertext[6..]], 1, alice.ExportPrivateKey()));
        Assert.Empty(BatchCiphertext.OpenMine([], 1, alice.ExportPrivateKey()));
    }

    private static byte[] Seal(byte[] secret, ChainKey account, ulong sequence, EntryItem item)
    {
        byte[] publicKey = new EthECKey(account.ExportPrivateKey(), true).GetPubKey();
        byte[] plaintext = new SettlementEntry(account.Address, sequence, [item]).Encode();
        return EntryCipher.Encrypt(EntryCipher.DeriveEphemeral(secret, sequence, account.Address), publicKey, sequence, plaintext);
    }
}
