using System.Buffers;
using System.Security.Cryptography;
using DarkPool.Chain;
using DarkPool.Chain.Entries;
using DarkPool.Enclave.Core;
using DarkPool.Enclave.Settlement;
using DarkPool.Host.Settlement;
using DarkPool.Server;

namespace DarkPool.Settlement.Tests;

/// <summary>Bad input to the settlement pieces: configuration, key and asset files, records, snapshot bytes.</summary>
public sealed class SettlementInputTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("dp-settle-input-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("Backend", "bitcoin", "Chain:Backend")]
    [InlineData("Backend", "evm", "Chain:RpcUrl")]
    [InlineData("Contract", "1234", "Chain:Contract")]
    [InlineData("Confirmations", "0", "Chain:Confirmations")]
    [InlineData("BatchMaxFills", "0", "Chain:BatchMaxFills")]
    [InlineData("PollIntervalMs", "1", "Chain:PollIntervalMs")]
    [InlineData("BatchMinIntervalMs", "-1", "Chain:BatchMinIntervalMs")]
    public void ChainOptions_Invalid_ThrowsNamingTheSetting(string setting, string value, string named)
    {
        var options = new ChainOptions();
        typeof(ChainOptions).GetProperty(setting)!.SetValue(options, Convert.ChangeType(value, typeof(ChainOptions).GetProperty(setting)!.PropertyType, System.Globalization.CultureInfo.InvariantCulture));

        InvalidOperationException e = Assert.Throws<InvalidOperationException>(options.Validate);

        Assert.Contains(named, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChainOptions_OnlyAShortIntervalSet_StillValid_AndTheFloorIsThatInterval()
    {
        var options = new ChainOptions { BatchIntervalMs = 500 };

        options.Validate();

        Assert.Equal(TimeSpan.FromMilliseconds(500), options.ToRelayOptions().BatchMinInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(1000), new ChainOptions().ToRelayOptions().BatchMinInterval);
    }

    [Fact]
    public void ChainOptions_Defaults_AreValid_AndEvmWithAnvilNeedsNoUrl()
    {
        new ChainOptions().Validate();
        new ChainOptions { Backend = "EVM", StartAnvil = true }.Validate();
        Assert.True(new ChainOptions { Backend = "EVM" }.IsEvm);
    }

    [Theory]
    [InlineData("not hex at all")]
    [InlineData("00")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    public void DevelopmentKeyFile_Damaged_InvalidData(string content)
    {
        string path = Path.Combine(_root, "key");
        File.WriteAllText(path, content);

        Assert.Throws<InvalidDataException>(() => DevelopmentKeyFile.LoadOrCreate(path));
    }

    [Fact]
    public void DevelopmentKeyFile_CreatedOwnerOnly_AndReadBack()
    {
        string path = Path.Combine(_root, "key");

        ChainKey created = DevelopmentKeyFile.LoadOrCreate(path);

        Assert.Equal(created.Address, DevelopmentKeyFile.LoadOrCreate(path).Address);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[{\"Asset\":1,\"Symbol\":\"A\",\"Token\":\"0x12\"}]")]
    public void SettlementAssetFile_Damaged_InvalidData(string content)
    {
        string path = Path.Combine(_root, "assets.json");
        File.WriteAllText(path, content);

        Assert.Throws<InvalidDataException>(() => SettlementAssetFile.Load(path));
    }

    [Fact]
    public void SettlementRecords_BadArguments_Throw_AndLengthsAreExact()
    {
        Assert.Throws<ArgumentException>(() => SettlementRecords.AccountKey(0, new byte[64]));
        Assert.Throws<ArgumentOutOfRangeException>(() => SettlementRecords.Deposit(0, new DepositRecord(1, default, default, -1, default, 0, 1)));
        Assert.True(EnclaveRecords.IsWellFormedOperatorRecord(SettlementRecords.Cut(0)));
        Assert.True(EnclaveRecords.IsWellFormedOperatorRecord(SettlementRecords.Confirmed(0, 1)));
        Assert.False(EnclaveRecords.IsWellFormedOperatorRecord([.. SettlementRecords.Confirmed(0, 1), 0]));
        Assert.False(EnclaveRecords.IsWellFormedOperatorRecord(SettlementRecords.Cut(0)[..8]));
    }

    [Fact]
    public void SettlementLedger_DamagedSnapshotBytes_NotRestored()
    {
        var ledger = new SettlementLedger();
        ledger.MapAsset(1, EthAddress.Parse("0x1111111111111111111111111111111111111111"));
        ledger.SetKey(EthAddress.Parse("0x2222222222222222222222222222222222222222"), new byte[65]);
        ledger.OnWithdrawn(EthAddress.Parse("0x2222222222222222222222222222222222222222"), 1, 5);
        Assert.False(ledger.TryCut(10, (_, _) => (1, 2)));
        Assert.True(ledger.TryCut(5_000, (_, _) => (1, 2)));
        byte[] bytes = ledger.ToBytes();

        SettlementLedger? restored = SettlementLedger.TryRead(bytes);

        Assert.NotNull(restored);
        Assert.Equal(ledger.ComputeHash(), restored.ComputeHash());
        Assert.Null(SettlementLedger.TryRead(bytes.AsSpan(0, bytes.Length - 1)));
        Assert.Null(SettlementLedger.TryRead([.. bytes, 0]));
        Assert.Null(SettlementLedger.TryRead([9, 0, 0, 0]));
        byte[] hugeCount = (byte[])bytes.Clone();
        hugeCount[24] = 0xFF;
        Assert.Null(SettlementLedger.TryRead(hugeCount));
    }

    [Fact]
    public void SettlementLedger_SnapshotBytes_AreThePinnedFormat_WrittenInPlaceOrAsAnArray()
    {
        var a = EthAddress.Parse("0x1111111111111111111111111111111111111111");
        var b = EthAddress.Parse("0x2222222222222222222222222222222222222222");
        var ledger = new SettlementLedger();
        ledger.Configure(3, 500, 1_500);
        ledger.MapAsset(1, EthAddress.Parse("0x3333333333333333333333333333333333333333"));
        ledger.MapAsset(2, EthAddress.Parse("0x4444444444444444444444444444444444444444"));
        ledger.SetKey(a, [.. Enumerable.Range(0, 65).Select(i => (byte)i)]);
        ledger.SetKey(b, [.. Enumerable.Range(0, 65).Select(i => (byte)(200 - i))]);
        ledger.OnFill(a, EntryItem.Fill(7, 0, 1, 101, 5, 2, 42));
        ledger.OnFill(b, EntryItem.Fill(7, 1, 0, 101, 5, 1, 43));
        ledger.OnWithdrawn(b, 1, 9);
        Assert.True(ledger.TryCut(5_000, (account, asset) => (1_000 + asset, 10)));
        ledger.OnSigned(1, new BatchSignature(Hash32.FromBytes(Enumerable.Repeat((byte)0xAA, 32).ToArray()), Hash32.FromBytes(Enumerable.Repeat((byte)0xBB, 32).ToArray())));
        ledger.OnFill(a, EntryItem.Fill(7, 0, 0, 99, 1, 0, 44)); // pending after the cut
        ledger.OnWithdrawn(a, 2, 3);

        byte[] bytes = ledger.ToBytes();

        // Pinned from the BinaryWriter encoder this format was first written with (the state hash depends on every byte).
        Assert.Equal((1370, "59DE8AB613F07E3B6DA0D680AA63BE484E9848CE175BD2617BF004B63F7AEB75"), (bytes.Length, Convert.ToHexString(SHA256.HashData(bytes))));
        Assert.Equal(ledger.ComputeHash(), SettlementLedger.TryRead(bytes)!.ComputeHash());
        var output = new ArrayBufferWriter<byte>();
        output.Write<byte>([0xEE]);
        ledger.WriteTo(output);
        Assert.Equal([0xEE, .. bytes], output.WrittenSpan.ToArray());
    }

    [Fact]
    public void SettlementLedger_NextBatch_FillsTheKeptListsWithoutAllocating_AndAnEmptiedListIsNotPending()
    {
        var a = EthAddress.Parse("0x1111111111111111111111111111111111111111");
        var b = EthAddress.Parse("0x2222222222222222222222222222222222222222");
        var ledger = new SettlementLedger();
        ledger.MapAsset(1, EthAddress.Parse("0x3333333333333333333333333333333333333333"));
        ledger.SetKey(a, new byte[65]);
        ledger.SetKey(b, new byte[65]);
        void Fill(SettlementLedger l, int n, ulong id)
        {
            for (int i = 0; i < n; i++)
            {
                l.OnFill(a, EntryItem.Fill(7, 0, 1, 101, 5, 2, id + (ulong)i));
                l.OnFill(b, EntryItem.Fill(7, 1, 0, 101, 5, 1, id + (ulong)i));
            }
        }

        Fill(ledger, 200, 1);
        Assert.True(ledger.TryCut(5_000, (_, _) => (1, 0)));

        // Emptied by the cut: nothing pending, so no batch however long the wait, and the snapshot says so.
        Assert.False(ledger.TryCut(60_000, (_, _) => (1, 0)));
        SettlementLedger restored = SettlementLedger.TryRead(ledger.ToBytes())!;
        Assert.False(restored.TryCut(60_000, (_, _) => (1, 0)));
        Assert.Equal(restored.ToBytes(), ledger.ToBytes());

        // The next batch's items go into the lists the first one left, no allocation.
        long before = GC.GetAllocatedBytesForCurrentThread();
        Fill(ledger, 200, 1_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);

        // The same items in the restored ledger, which never had the accounts' lists: the same batch and the same state.
        Fill(restored, 200, 1_000);
        Assert.True(ledger.TryCut(70_000, (_, _) => (1, 0)));
        Assert.True(restored.TryCut(70_000, (_, _) => (1, 0)));
        CutBatch cut = ledger.Unconfirmed()[^1].Batch;
        Assert.Equal(2, cut.Entries.Count);
        Assert.Equal(restored.Unconfirmed()[^1].Batch.Entries.Select(e => Convert.ToHexString(e.Plaintext)), cut.Entries.Select(e => Convert.ToHexString(e.Plaintext)));
        Assert.Equal(restored.ToBytes(), ledger.ToBytes());

        // A list grown past what is kept is dropped at the cut and a new one starts with the next item.
        Fill(ledger, 1_100, 5_000);
        Assert.True(ledger.TryCut(80_000, (_, _) => (1, 0)));
        Assert.False(ledger.TryCut(90_000, (_, _) => (1, 0)));
        Fill(ledger, 1, 9_000);
        Assert.True(ledger.TryCut(100_000, (_, _) => (1, 0)));
        Assert.Equal(2, ledger.Unconfirmed()[^1].Batch.Entries.Count);
    }
}
