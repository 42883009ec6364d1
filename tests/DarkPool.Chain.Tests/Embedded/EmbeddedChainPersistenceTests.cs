using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using DarkPool.Chain.Batches;
using DarkPool.Chain.Embedded;
using DarkPool.Chain.Embedded.Internal;

namespace DarkPool.Chain.Tests.Embedded;

/// <summary>The embedded chain's data folder: restart, damage, and crashes between write steps.</summary>
public sealed class EmbeddedChainPersistenceTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "darkpool-chain-" + Guid.NewGuid().ToString("N"));
    private readonly ChainKey _governance = ChainKey.Generate();
    private readonly ChainKey _enclave = ChainKey.Generate();
    private readonly ChainKey _trader = ChainKey.Generate();

    private string StatePath => Path.Combine(_folder, "state.dpc");

    private string BatchPath(ulong sequence) => Path.Combine(_folder, "batches", $"{sequence:D20}.dpb");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A chain with a token, a deposit, a key and one settled batch; returns the batch.</summary>
    private async Task<(EthAddress Token, SignedBatch Batch)> PopulateAsync(EmbeddedChain chain)
    {
        EthAddress token = await chain.CreateTestTokenAsync(_trader, "TKA");
        await chain.MintTestTokenAsync(_trader, token, _trader.Address, 1000);
        DepositRecord deposit = await chain.DepositAsync(_trader, token, _trader.Address, 400);
        await chain.RegisterEnclaveKeyAsync(_governance, _enclave.Address);
        var batch = new SettlementBatch(
            1, Hash32.Zero, Hash32.FromBytes(new byte[32].Select(_ => (byte)9).ToArray()), new DepositCursor(1, deposit.RunningHash),
            [new Withdrawal(token, _trader.Address, 100)], new byte[] { 1, 2, 3 });
        SignedBatch signed = BatchDescriptor.Sign(batch, chain.Domain, _enclave);
        await chain.PostBatchAsync(_trader, signed);
        return (token, signed);
    }

    private static SignedBatch NextBatch(EmbeddedChain chain, SignedBatch previous, ChainKey enclave, int ciphertext = 0)
    {
        SettlementBatch before = previous.Decode();
        var batch = new SettlementBatch(before.Sequence + 1, previous.Hash, Hash32.Zero, before.DepositCursor, [], RandomNumberGenerator.GetBytes(ciphertext));
        return BatchDescriptor.Sign(batch, chain.Domain, enclave);
    }

    /// <summary>The chain's files hold exactly what it was given: the state's JSON, and length | batch | signature.</summary>
    private void AssertFilesHold(IReadOnlyList<SignedBatch> batches)
    {
        ChainState state = new ChainStore(_folder).Load();
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(state, ChainJson.Default.ChainState), DurableFile.Read(StatePath, 1));
        foreach (SignedBatch batch in batches)
        {
            byte[] payload = DurableFile.Read(BatchPath(batch.Decode().Sequence), 2);
            Assert.Equal(batch.Encoded.Length, BinaryPrimitives.ReadInt32BigEndian(payload));
            Assert.Equal([.. batch.Encoded.ToArray(), .. batch.Signature.ToArray()], payload[4..]);
        }
    }

    [Fact]
    public async Task Open_AfterRestart_SameStateAndChainContinues()
    {
        EmbeddedChain first = EmbeddedChain.OpenOrCreate(_folder, _governance.Address);
        (EthAddress token, SignedBatch batch) = await PopulateAsync(first);
        SettlementHead head = await first.GetSettlementHeadAsync();
        await first.DisposeAsync();

        EmbeddedChain reopened = EmbeddedChain.Open(_folder);

        Assert.Equal(first.Domain, reopened.Domain);
        Assert.Equal(head, await reopened.GetSettlementHeadAsync());
        Assert.Equal(_enclave.Address, await reopened.GetEnclaveKeyAsync());
        Assert.Equal(700, (int)await reopened.GetTokenBalanceAsync(token, _trader.Address));
        Assert.Equal(300, (int)await reopened.GetCustodyAsync(token));
        Assert.Equal(batch.Encoded.ToArray(), Assert.Single(await reopened.GetSettledBatchesAsync(1)).Batch.Encoded.ToArray());
        Assert.Equal(BatchPostStatus.AlreadySettled, (await reopened.PostBatchAsync(_trader, batch)).Status);
        Assert.Equal(BatchPostStatus.Settled, (await reopened.PostBatchAsync(_trader, NextBatch(reopened, batch, _enclave))).Status);
        Assert.Equal(reopened.Domain, EmbeddedChain.OpenOrCreate(_folder, _governance.Address).Domain);
    }

    [Fact]
    public async Task Open_CorruptedStateFile_ThrowsChainDataCorrupt()
    {
        await PopulateAsync(EmbeddedChain.OpenOrCreate(_folder, _governance.Address));
        byte[] bytes = File.ReadAllBytes(StatePath);
        bytes[^10] ^= 0x01;
        File.WriteAllBytes(StatePath, bytes);

        ChainDataCorruptException ex = Assert.Throws<ChainDataCorruptException>(() => EmbeddedChain.Open(_folder));

        Assert.Equal(StatePath, ex.FilePath);
        Assert.Contains("checksum", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_TruncatedStateFile_ThrowsChainDataCorrupt()
    {
        await PopulateAsync(EmbeddedChain.OpenOrCreate(_folder, _governance.Address));
        byte[] bytes = File.ReadAllBytes(StatePath);
        File.WriteAllBytes(StatePath, bytes[..(bytes.Length / 2)]);

        Assert.Equal(StatePath, Assert.Throws<ChainDataCorruptException>(() => EmbeddedChain.Open(_folder)).FilePath);
        File.WriteAllBytes(StatePath, bytes[..20]);
        Assert.Equal(StatePath, Assert.Throws<ChainDataCorruptException>(() => EmbeddedChain.Open(_folder)).FilePath);
    }

    [Fact]
    public async Task Open_CorruptedOrMissingBatchFile_ThrowsChainDataCorrupt()
    {
        await PopulateAsync(EmbeddedChain.OpenOrCreate(_folder, _governance.Address));
        byte[] bytes = File.ReadAllBytes(BatchPath(1));
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(BatchPath(1), bytes);

        Assert.Equal(BatchPath(1), Assert.Throws<ChainDataCorruptException>(() => EmbeddedChain.Open(_folder)).FilePath);
        File.Delete(BatchPath(1));
        Assert.Contains("missing", Assert.Throws<ChainDataCorruptException>(() => EmbeddedChain.Open(_folder)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_TornTempFiles_IgnoredAndRemoved()
    {
        EmbeddedChain chain = EmbeddedChain.OpenOrCreate(_folder, _governance.Address);
        await PopulateAsync(chain);
        SettlementHead head = await chain.GetSettlementHeadAsync();
        File.WriteAllBytes(StatePath + ".tmp", [0x44, 0x50, 0x43]);
        File.WriteAllBytes(BatchPath(2) + ".tmp", new byte[7]);

        EmbeddedChain reopened = EmbeddedChain.Open(_folder);

        Assert.Equal(head, await reopened.GetSettlementHeadAsync());
        Assert.False(File.Exists(StatePath + ".tmp"));
        Assert.False(File.Exists(BatchPath(2) + ".tmp"));
    }

    [Fact]
    public async Task Open_BatchFileWrittenButStateNot_BatchNotSettledAndRepostWorks()
    {
        EmbeddedChain chain = EmbeddedChain.OpenOrCreate(_folder, _governance.Address);
        (_, SignedBatch first) = await PopulateAsync(chain);
        SignedBatch second = NextBatch(chain, first, _enclave);
        byte[] stateBefore = File.ReadAllBytes(StatePath);
        await chain.PostBatchAsync(_trader, second);
        File.WriteAllBytes(StatePath, stateBefore); // as if the crash came between the batch file and the state

        EmbeddedChain reopened = EmbeddedChain.Open(_folder);

        Assert.Equal(2UL, (await reopened.GetSettlementHeadAsync()).NextSequence);
        Assert.False(File.Exists(BatchPath(2)));
        Assert.Equal(BatchPostStatus.Settled, (await reopened.PostBatchAsync(_trader, second)).Status);
        Assert.Equal(BatchPostStatus.AlreadySettled, (await reopened.PostBatchAsync(_trader, second)).Status);
    }

    [Fact]
    public async Task Post_LargeBatchThenSmallOnes_FilesHoldExactlyEachPost_AndReopenAgrees()
    {
        EmbeddedChain chain = EmbeddedChain.OpenOrCreate(_folder, _governance.Address);
        (_, SignedBatch first) = await PopulateAsync(chain);
        SignedBatch large = NextBatch(chain, first, _enclave, ciphertext: 300_000);
        SignedBatch small = NextBatch(chain, large, _enclave, ciphertext: 10);
        SignedBatch none = NextBatch(chain, small, _enclave);

        foreach (SignedBatch batch in new[] { large, small, none })
        {
            Assert.Equal(BatchPostStatus.Settled, (await chain.PostBatchAsync(_trader, batch)).Status);
        }

        AssertFilesHold([first, large, small, none]);
        SettlementHead head = await chain.GetSettlementHeadAsync();
        EmbeddedChain reopened = EmbeddedChain.Open(_folder);
        Assert.Equal(head, await reopened.GetSettlementHeadAsync());
        Assert.Equal(small.Encoded.ToArray(), (await reopened.GetSettledBatchesAsync(3))[0].Batch.Encoded.ToArray());
        Assert.Equal(small.Decode().Ciphertext.ToArray(), (await reopened.GetSettledBatchesAsync(3))[0].Ciphertext.ToArray());
    }

    [Fact]
    public async Task Post_StateWriteFails_ChainUnchanged_ThenTheNextPostStartsFromTheWrittenState()
    {
        EmbeddedChain chain = EmbeddedChain.OpenOrCreate(_folder, _governance.Address);
        (_, SignedBatch first) = await PopulateAsync(chain);
        SettlementHead head = await chain.GetSettlementHeadAsync();
        ulong block = await chain.GetBlockNumberAsync();
        SignedBatch second = NextBatch(chain, first, _enclave, ciphertext: 100_000);
        Directory.CreateDirectory(StatePath + DurableFile.TempSuffix); // the state's temp file cannot be created

        Exception failed = await Assert.ThrowsAnyAsync<Exception>(async () => await chain.PostBatchAsync(_trader, second));

        Assert.True(failed is IOException or UnauthorizedAccessException, failed.GetType().Name);
        Assert.Equal(head, await chain.GetSettlementHeadAsync());
        Assert.Equal(block, await chain.GetBlockNumberAsync());
        Directory.Delete(StatePath + DurableFile.TempSuffix);
        Assert.Equal(BatchPostStatus.Settled, (await chain.PostBatchAsync(_trader, second)).Status);
        Assert.Equal(block + 1, await chain.GetBlockNumberAsync());
        AssertFilesHold([first, second]);
        Assert.Equal(await chain.GetSettlementHeadAsync(), await EmbeddedChain.Open(_folder).GetSettlementHeadAsync());
    }

    [Fact]
    public async Task OpenOrCreate_StateFileLostButBatchesRemain_ThrowsChainDataCorrupt()
    {
        await PopulateAsync(EmbeddedChain.OpenOrCreate(_folder, _governance.Address));
        File.Delete(StatePath);

        Assert.Equal(StatePath, Assert.Throws<ChainDataCorruptException>(() => EmbeddedChain.OpenOrCreate(_folder, _governance.Address)).FilePath);
    }

    [Fact]
    public void OpenOrCreate_OtherGovernance_Throws()
    {
        _ = EmbeddedChain.OpenOrCreate(_folder, _governance.Address);

        Assert.Throws<InvalidOperationException>(() => EmbeddedChain.OpenOrCreate(_folder, _trader.Address));
        Assert.Throws<DirectoryNotFoundException>(() => EmbeddedChain.Open(_folder + "-absent"));
    }
}
