using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using DarkPool.Chain.Embedded.Internal;
using DarkPool.Chain.Internal;

namespace DarkPool.Chain.Embedded;

/// <summary>
/// Deposits and development tokens. A deposit is signed by the depositor itself, so no approval step
/// is modelled; otherwise the accounting is the contract's: the token moves from the depositor to the
/// contract, custody grows, and the running hash chains the deposit on.
/// </summary>
public sealed partial class EmbeddedChain
{
    /// <inheritdoc/>
    public ValueTask<DepositRecord> DepositAsync(
        ChainKey depositor, EthAddress token, EthAddress account, BigInteger amount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(depositor);
        return ValueTask.FromResult(DepositFrom(depositor.Address, token, account, amount));
    }

    /// <summary>
    /// A deposit authorised by the depositor's signature instead of its key: the gateway's development
    /// service takes these from traders' command lines (the key never leaves the trader). Throws
    /// <see cref="ChainRejectedException"/> with <see cref="ChainError.InvalidSignature"/> when the
    /// signature is not the depositor's over exactly this deposit on this chain, or has expired.
    /// </summary>
    public ValueTask<DepositRecord> DepositAuthorizedAsync(DevDepositAuthorization authorization, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        if (!authorization.Verify(Domain, now))
        {
            throw Reject(ChainError.InvalidSignature, "The deposit authorisation is not the depositor's, or has expired.");
        }

        return ValueTask.FromResult(DepositFrom(authorization.Depositor, authorization.Token, authorization.Account, authorization.Amount));
    }

    private DepositRecord DepositFrom(EthAddress depositor, EthAddress token, EthAddress account, BigInteger amount)
    {
        lock (_gate)
        {
            return CommitLocked(state =>
            {
                if (account.IsZero || token.IsZero)
                {
                    throw Reject(ChainError.ZeroAddress, "The token and the account must be non-zero.");
                }

                if (amount.Sign <= 0)
                {
                    throw Reject(amount.IsZero ? ChainError.ZeroAmount : ChainError.Unknown, "A deposit is a positive uint256.");
                }

                TokenEntry? entry = state.FindToken(token);
                if (entry is null || entry.BalanceOf(depositor) < amount)
                {
                    throw Reject(ChainError.TokenCallFailed, $"The transfer of {token} from the depositor failed.");
                }

                ulong index = (ulong)state.Deposits.Count + 1;
                Hash32 running = DepositRunningHash.Next(state.DepositHashAt(index - 1), index, token, account, amount);
                state.Deposits.Add(new DepositEntry
                {
                    Token = token, Account = account, Amount = amount, RunningHash = running, Block = state.BlockNumber,
                });
                entry.Custody += amount;
                entry.Move(depositor, Domain.Contract, amount);
                return ToRecord(state, index);
            });
        }
    }

    /// <inheritdoc/>
    public ValueTask<EthAddress> CreateTestTokenAsync(ChainKey issuer, string symbol, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        lock (_gate)
        {
            return ValueTask.FromResult(CommitLocked(state =>
            {
                state.TokenNonce++;
                var seed = new byte[EthAddress.Size + 8 + 32];
                Domain.Contract.WriteTo(seed);
                BinaryPrimitives.WriteUInt64BigEndian(seed.AsSpan(EthAddress.Size), state.TokenNonce);
                Keccak.Hash(Encoding.UTF8.GetBytes(symbol)).WriteTo(seed.AsSpan(EthAddress.Size + 8));
                byte[] digest = Keccak.Hash(seed).ToArray();
                EthAddress address = EthAddress.FromBytes(digest.AsSpan(12));
                state.Tokens.Add(new TokenEntry { Address = address, Symbol = symbol, Issuer = issuer.Address });
                return address;
            }));
        }
    }

    /// <inheritdoc/>
    public ValueTask MintTestTokenAsync(
        ChainKey issuer, EthAddress token, EthAddress to, BigInteger amount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        lock (_gate)
        {
            CommitLocked(state =>
            {
                TokenEntry entry = state.FindToken(token)
                    ?? throw Reject(ChainError.TokenCallFailed, $"No token at {token}.");
                if (entry.Issuer != issuer.Address)
                {
                    throw Reject(ChainError.NotMinter, $"{issuer.Address} did not issue {token}.");
                }

                entry.Balances[to] = entry.BalanceOf(to) + amount;
                return 0;
            });
        }

        return ValueTask.CompletedTask;
    }
}
