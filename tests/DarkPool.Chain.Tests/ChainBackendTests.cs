using System.Numerics;
using DarkPool.Chain.Batches;

namespace DarkPool.Chain.Tests;

/// <summary>
/// The settlement rules, run unchanged against every backend: the Solidity contract on anvil and the
/// embedded chain. Each test gets a fresh chain (a new contract, or a new data folder).
/// </summary>
public abstract partial class ChainBackendTests : IAsyncLifetime
{
    protected static readonly BigInteger Minted = BigInteger.Parse("1000000000000000000000", System.Globalization.CultureInfo.InvariantCulture);

    protected ChainKey Governance { get; } = ChainKey.Generate();

    protected ChainKey Enclave { get; } = ChainKey.Generate();

    protected ChainKey Host { get; } = ChainKey.Generate();

    protected ChainKey Issuer { get; } = ChainKey.Generate();

    protected ChainKey TraderA { get; } = ChainKey.Generate();

    protected ChainKey TraderB { get; } = ChainKey.Generate();

    /// <summary>Receives withdrawals only; holds nothing at the start.</summary>
    protected EthAddress Outsider { get; } = ChainKey.Generate().Address;

    protected IChainBackend Chain { get; private set; } = null!;

    protected EthAddress Token { get; private set; }

    /// <summary>A new chain with <paramref name="governance"/>; the backend's own kind.</summary>
    protected abstract Task<IChainBackend> CreateChainAsync(EthAddress governance);

    /// <summary>Pays for gas where the chain charges for it.</summary>
    protected abstract Task FundAsync(ChainKey key);

    public async Task InitializeAsync()
    {
        foreach (ChainKey key in new[] { Governance, Enclave, Host, Issuer, TraderA, TraderB })
        {
            await FundAsync(key);
        }

        Chain = await CreateChainAsync(Governance.Address);
        Token = await Chain.CreateTestTokenAsync(Issuer, "TKA");
        await Chain.MintTestTokenAsync(Issuer, Token, TraderA.Address, Minted);
        await Chain.MintTestTokenAsync(Issuer, Token, TraderB.Address, Minted);
    }

    public virtual async Task DisposeAsync() => await Chain.DisposeAsync();

    /// <summary>Deposits from A and B and registers the enclave key: the usual start of a settlement test.</summary>
    protected async Task DepositAndRegisterAsync()
    {
        await Chain.DepositAsync(TraderA, Token, TraderA.Address, 700);
        await Chain.DepositAsync(TraderB, Token, TraderB.Address, 500);
        await Chain.RegisterEnclaveKeyAsync(Governance, Enclave.Address);
    }

    /// <summary>The next batch as an honest enclave would build it: next sequence, previous hash, newest deposit cursor.</summary>
    protected async Task<SettlementBatch> NextBatchAsync(
        IReadOnlyList<Withdrawal>? withdrawals = null, Hash32? journalHead = null, byte[]? ciphertext = null)
    {
        SettlementHead head = await Chain.GetSettlementHeadAsync();
        Hash32 cursorHash = await Chain.GetDepositHashAsync(head.DepositCount);
        return new SettlementBatch(
            head.NextSequence,
            head.LastBatchHash,
            journalHead ?? Hash32.FromBytes(Fill(32, (byte)head.NextSequence)),
            new DepositCursor(head.DepositCount, cursorHash),
            withdrawals ?? [],
            ciphertext ?? Fill(96, 0xC1));
    }

    protected SignedBatch Sign(SettlementBatch batch, ChainKey? key = null) => BatchDescriptor.Sign(batch, Chain.Domain, key ?? Enclave);

    protected static SettlementBatch With(
        SettlementBatch batch, ulong? sequence = null, Hash32? previous = null, DepositCursor? cursor = null, IReadOnlyList<Withdrawal>? withdrawals = null) =>
        new(sequence ?? batch.Sequence, previous ?? batch.PreviousHash, batch.JournalHead, cursor ?? batch.DepositCursor,
            withdrawals ?? batch.Withdrawals, batch.Ciphertext);

    protected static byte[] Fill(int length, byte value) => Enumerable.Repeat(value, length).ToArray();

    /// <summary>Everything a rejected call must leave alone.</summary>
    protected async Task<string> SnapshotAsync()
    {
        SettlementHead head = await Chain.GetSettlementHeadAsync();
        var parts = new List<object>
        {
            head,
            await Chain.GetBlockNumberAsync(),
            await Chain.GetEnclaveKeyAsync(),
            await Chain.GetCustodyAsync(Token),
            (await Chain.GetSettledBatchesAsync(1)).Count,
            (await Chain.GetDepositsAsync(1)).Count,
        };
        foreach (EthAddress holder in new[] { TraderA.Address, TraderB.Address, Outsider, Chain.Domain.Contract })
        {
            parts.Add(await Chain.GetTokenBalanceAsync(Token, holder));
        }

        return string.Join(" | ", parts);
    }

    /// <summary>The call is rejected with exactly <paramref name="expected"/> and changes nothing.</summary>
    protected async Task AssertRejectedAsync(ChainError expected, Func<Task> call)
    {
        string before = await SnapshotAsync();
        ChainRejectedException ex = await Assert.ThrowsAsync<ChainRejectedException>(call);
        Assert.Equal(expected, ex.Error);
        Assert.Equal(before, await SnapshotAsync());
    }
}
