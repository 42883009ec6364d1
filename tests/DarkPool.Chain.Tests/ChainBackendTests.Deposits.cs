using System.Numerics;
using Nethereum.ABI;

namespace DarkPool.Chain.Tests;

/// <summary>Deposits, the running hash, and key registration.</summary>
public abstract partial class ChainBackendTests
{
    /// <summary>The running hash computed independently, with Nethereum's ABI encoder.</summary>
    private static Hash32 IndependentHash(Hash32 previous, ulong index, EthAddress token, EthAddress account, BigInteger amount) =>
        Hash32.FromBytes(new ABIEncode().GetSha3ABIEncoded(
            new ABIValue("bytes32", previous.ToArray()),
            new ABIValue("uint64", index),
            new ABIValue("address", token.ToString()),
            new ABIValue("address", account.ToString()),
            new ABIValue("uint256", amount)));

    [Fact]
    public async Task Deposit_TwoAddresses_RunningHashMatchesIndependentComputation()
    {
        EthAddress otherToken = await Chain.CreateTestTokenAsync(Issuer, "TKB");
        await Chain.MintTestTokenAsync(Issuer, otherToken, TraderB.Address, 1000);

        DepositRecord first = await Chain.DepositAsync(TraderA, Token, TraderA.Address, 700);
        DepositRecord second = await Chain.DepositAsync(TraderB, otherToken, TraderB.Address, 250);
        DepositRecord third = await Chain.DepositAsync(TraderB, Token, TraderA.Address, 5);

        Hash32 h1 = IndependentHash(Hash32.Zero, 1, Token, TraderA.Address, 700);
        Hash32 h2 = IndependentHash(h1, 2, otherToken, TraderB.Address, 250);
        Hash32 h3 = IndependentHash(h2, 3, Token, TraderA.Address, 5);
        Assert.Equal((1UL, h1, 2UL, h2, 3UL, h3), (first.Index, first.RunningHash, second.Index, second.RunningHash, third.Index, third.RunningHash));
        Assert.Equal(h3, DepositRunningHash.Next(DepositRunningHash.Next(DepositRunningHash.Next(Hash32.Zero, 1, Token, TraderA.Address, 700), 2, otherToken, TraderB.Address, 250), 3, Token, TraderA.Address, 5));
        Assert.Equal([Hash32.Zero, h1, h2, h3], [await Chain.GetDepositHashAsync(0), await Chain.GetDepositHashAsync(1), await Chain.GetDepositHashAsync(2), await Chain.GetDepositHashAsync(3)]);

        IReadOnlyList<DepositRecord> log = await Chain.GetDepositsAsync(1);
        Assert.Equal([1UL, 2UL, 3UL], log.Select(d => d.Index));
        Assert.Equal((TraderA.Address, TraderA.Address, BigInteger.One * 5), (log[0].Account, log[2].Account, log[2].Amount));
        Assert.Equal((otherToken, TraderB.Address, new BigInteger(250)), (log[1].Token, log[1].Account, log[1].Amount));
        ulong headBlock = await Chain.GetBlockNumberAsync();
        Assert.All(log, d => Assert.Equal(headBlock - d.BlockNumber + 1, d.Confirmations));
        Assert.True(log[0].Confirmations > log[2].Confirmations);
        Assert.Equal([3UL], (await Chain.GetDepositsAsync(3)).Select(d => d.Index));

        Assert.Equal(Minted - 700, await Chain.GetTokenBalanceAsync(Token, TraderA.Address));
        Assert.Equal(Minted - 5, await Chain.GetTokenBalanceAsync(Token, TraderB.Address));
        Assert.Equal(new BigInteger(705), await Chain.GetTokenBalanceAsync(Token, Chain.Domain.Contract));
        Assert.Equal((new BigInteger(705), new BigInteger(250)), (await Chain.GetCustodyAsync(Token), await Chain.GetCustodyAsync(otherToken)));
        Assert.Equal(3UL, (await Chain.GetSettlementHeadAsync()).DepositCount);
    }

    [Fact]
    public async Task Deposit_ZeroAmount_RejectedWithZeroAmount() =>
        await AssertRejectedAsync(ChainError.ZeroAmount, () => Chain.DepositAsync(TraderA, Token, TraderA.Address, 0).AsTask());

    [Fact]
    public async Task Deposit_ZeroAccount_RejectedWithZeroAddress() =>
        await AssertRejectedAsync(ChainError.ZeroAddress, () => Chain.DepositAsync(TraderA, Token, EthAddress.Zero, 1).AsTask());

    [Fact]
    public async Task Deposit_MoreThanTheBalance_RejectedWithTokenCallFailed() =>
        await AssertRejectedAsync(ChainError.TokenCallFailed, () => Chain.DepositAsync(TraderA, Token, TraderA.Address, Minted + 1).AsTask());

    [Fact]
    public async Task RegisterEnclaveKey_ByGovernance_KeyRegisteredFromNextSequence()
    {
        await Chain.RegisterEnclaveKeyAsync(Governance, Enclave.Address);

        Assert.Equal(Enclave.Address, await Chain.GetEnclaveKeyAsync());
        KeyRegistration registration = Assert.Single(await Chain.GetKeyRegistrationsAsync());
        Assert.Equal((Enclave.Address, 1UL), (registration.Key, registration.FromSequence));
    }

    [Fact]
    public async Task RegisterEnclaveKey_NotGovernance_RejectedWithNotGovernance()
    {
        await Chain.RegisterEnclaveKeyAsync(Governance, Enclave.Address);

        await AssertRejectedAsync(ChainError.NotGovernance, () => Chain.RegisterEnclaveKeyAsync(TraderA, TraderA.Address).AsTask());
        await AssertRejectedAsync(ChainError.NotGovernance, () => Chain.RegisterEnclaveKeyAsync(Enclave, Host.Address).AsTask());
        Assert.Equal(Enclave.Address, await Chain.GetEnclaveKeyAsync());
    }

    [Fact]
    public async Task RegisterEnclaveKey_ZeroKey_RejectedWithZeroAddress() =>
        await AssertRejectedAsync(ChainError.ZeroAddress, () => Chain.RegisterEnclaveKeyAsync(Governance, EthAddress.Zero).AsTask());

    [Fact]
    public async Task MintTestToken_NotIssuer_RejectedWithNotMinter() =>
        await AssertRejectedAsync(ChainError.NotMinter, () => Chain.MintTestTokenAsync(TraderA, Token, TraderA.Address, 1).AsTask());
}
