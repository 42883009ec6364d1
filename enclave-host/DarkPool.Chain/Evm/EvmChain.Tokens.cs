using System.Numerics;
using System.Text;
using DarkPool.Chain.Evm.Internal;
using DarkPool.Chain.Internal;
using Nethereum.RPC.Eth.DTOs;

namespace DarkPool.Chain.Evm;

/// <summary>Deposits (approve, then deposit), the deposit log, and ERC-20 reads.</summary>
public sealed partial class EvmChain
{
    /// <inheritdoc/>
    public async ValueTask<DepositRecord> DepositAsync(
        ChainKey depositor, EthAddress token, EthAddress account, BigInteger amount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(depositor);
        if (amount.Sign < 0)
        {
            throw new ChainRejectedException(ChainError.Unknown, "A deposit is a positive uint256.");
        }

        byte[] deposit = Abi.Call("deposit(address,address,uint256)", Abi.Word(token), Abi.Word(account), Abi.Word(amount));
        if (!amount.IsZero && !token.IsZero && !account.IsZero)
        {
            // Two transactions: approve, then deposit. Checking the balance first keeps a deposit that the
            // token would refuse from leaving an approval behind; the contract still decides.
            if (await GetTokenBalanceAsync(token, depositor.Address, cancellationToken).ConfigureAwait(false) < amount)
            {
                throw new ChainRejectedException(ChainError.TokenCallFailed, $"The depositor's balance of {token} is short.");
            }

            byte[] allowance = await CallAsync(
                token, Abi.Call("allowance(address,address)", Abi.Word(depositor.Address), Abi.Word(Domain.Contract)), cancellationToken)
                .ConfigureAwait(false);
            if (Abi.ReadUInt256(allowance) < amount)
            {
                _ = await SendAsync(depositor, token, Abi.Call("approve(address,uint256)", Abi.Word(Domain.Contract), Abi.Word(amount)), cancellationToken)
                    .ConfigureAwait(false);
            }
        }

        TransactionReceipt receipt = await SendAsync(depositor, Domain.Contract, deposit, cancellationToken).ConfigureAwait(false);
        FilterLog log = receipt.Logs
            .Single(l => string.Equals(l.Topics[0].ToString(), DepositedTopic, StringComparison.OrdinalIgnoreCase));
        ulong head = await GetBlockNumberAsync(cancellationToken).ConfigureAwait(false);
        return ToDeposit(log, head);
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<DepositRecord>> GetDepositsAsync(ulong fromIndex, CancellationToken cancellationToken = default)
    {
        FilterLog[] logs = await LogsAsync(DepositedTopic, cancellationToken).ConfigureAwait(false);
        ulong head = await GetBlockNumberAsync(cancellationToken).ConfigureAwait(false);
        return [.. logs.Select(log => ToDeposit(log, head)).Where(d => d.Index >= fromIndex).OrderBy(d => d.Index)];
    }

    /// <inheritdoc/>
    public async ValueTask<Hash32> GetDepositHashAsync(ulong index, CancellationToken cancellationToken = default) =>
        Hash32.FromBytes(await CallAsync(Domain.Contract, Abi.Call("depositHash(uint64)", Abi.Word(index)), cancellationToken).ConfigureAwait(false));

    /// <inheritdoc/>
    public async ValueTask<BigInteger> GetTokenBalanceAsync(EthAddress token, EthAddress holder, CancellationToken cancellationToken = default)
    {
        byte[] result = await CallAsync(token, Abi.Call("balanceOf(address)", Abi.Word(holder)), cancellationToken).ConfigureAwait(false);
        return result.Length == 32
            ? Abi.ReadUInt256(result)
            : throw new ChainRejectedException(ChainError.TokenCallFailed, $"No token at {token}.");
    }

    /// <inheritdoc/>
    public async ValueTask<BigInteger> GetCustodyAsync(EthAddress token, CancellationToken cancellationToken = default) =>
        Abi.ReadUInt256(await CallAsync(Domain.Contract, Abi.Call("custody(address)", Abi.Word(token)), cancellationToken).ConfigureAwait(false));

    /// <inheritdoc/>
    public ValueTask<EthAddress> CreateTestTokenAsync(ChainKey issuer, string symbol, CancellationToken cancellationToken = default) =>
        CreateTestTokenAsync(issuer, symbol, returnsBool: true, cancellationToken);

    /// <summary>Deploys a TestToken; with <paramref name="returnsBool"/> false its transfers return no data, like older tokens.</summary>
    public async ValueTask<EthAddress> CreateTestTokenAsync(
        ChainKey issuer, string symbol, bool returnsBool, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        byte[] name = Encoding.UTF8.GetBytes(symbol);
        byte[] data = [.. ContractArtifact.TestToken.Bytecode, .. Abi.Dynamic([name, name], [Abi.Word(returnsBool ? 1UL : 0UL)])];
        TransactionReceipt receipt = await SendAsync(issuer, null, data, cancellationToken).ConfigureAwait(false);
        return EthAddress.Parse(receipt.ContractAddress);
    }

    /// <inheritdoc/>
    public async ValueTask MintTestTokenAsync(
        ChainKey issuer, EthAddress token, EthAddress to, BigInteger amount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        _ = await SendAsync(issuer, token, Abi.Call("mint(address,uint256)", Abi.Word(to), Abi.Word(amount)), cancellationToken)
            .ConfigureAwait(false);
    }

    private static DepositRecord ToDeposit(FilterLog log, ulong head)
    {
        byte[] data = Hex.Decode(log.Data);
        ulong block = (ulong)log.BlockNumber.Value;
        return new DepositRecord(
            Abi.ReadUInt64(TopicBytes(log, 1)),
            Abi.ReadAddress(TopicBytes(log, 2)),
            Abi.ReadAddress(TopicBytes(log, 3)),
            Abi.ReadUInt256(data.AsSpan(0, 32)),
            Hash32.FromBytes(data.AsSpan(32, 32)),
            block,
            head - block + 1);
    }
}
