using System.Buffers.Binary;
using System.Numerics;
using DarkPool.Chain.Batches;
using DarkPool.Chain.Embedded.Internal;

namespace DarkPool.Chain.Embedded;

/// <summary>Key registration and <c>settle</c>: the contract's checks, in the contract's order.</summary>
public sealed partial class EmbeddedChain
{
    /// <inheritdoc/>
    public ValueTask RegisterEnclaveKeyAsync(ChainKey governance, EthAddress enclaveKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(governance);
        RegisterEnclaveKey(governance.Address, enclaveKey);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Registers the key of <paramref name="authorization"/> for the governance key that signed it, without that key
    /// (the development chain service's <c>RegisterEnclaveKey</c>): an expired authorisation or a malformed signature is
    /// <see cref="ChainError.InvalidSignature"/>, a signer other than governance <see cref="ChainError.NotGovernance"/>.
    /// </summary>
    public ValueTask RegisterEnclaveKeyAuthorizedAsync(DevKeyRegistrationAuthorization authorization, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        if (authorization.IsExpired(now) || !authorization.TryRecoverSigner(Domain, out EthAddress signer))
        {
            throw Reject(ChainError.InvalidSignature, "The key registration authorisation has expired or its signature is malformed.");
        }

        RegisterEnclaveKey(signer, authorization.EnclaveKey);
        return ValueTask.CompletedTask;
    }

    private void RegisterEnclaveKey(EthAddress caller, EthAddress enclaveKey)
    {
        lock (_gate)
        {
            CommitLocked(state =>
            {
                if (caller != state.Governance)
                {
                    throw Reject(ChainError.NotGovernance, $"{caller} is not the governance address.");
                }

                if (enclaveKey.IsZero)
                {
                    throw Reject(ChainError.ZeroAddress, "The enclave key cannot be the zero address.");
                }

                state.EnclaveKey = enclaveKey;
                state.Keys.Add(new KeyEntry { Key = enclaveKey, FromSequence = state.NextSequence, Block = state.BlockNumber });
                return 0;
            });
        }
    }

    /// <inheritdoc/>
    public ValueTask<BatchPostResult> PostBatchAsync(ChainKey sender, SignedBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(batch);
        ReadOnlySpan<byte> encoded = batch.Encoded.Span;
        if (!BatchDescriptor.IsWellFormed(encoded))
        {
            throw Reject(ChainError.MalformedBatch, "The batch has a wrong magic, version or length.");
        }

        ulong sequence = BinaryPrimitives.ReadUInt64BigEndian(encoded[BatchDescriptor.SequenceOffset..]);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (sequence >= 1 && sequence < _state.NextSequence && _state.Batches[(int)(sequence - 1)].Hash == batch.Hash)
            {
                return ValueTask.FromResult(new BatchPostResult(BatchPostStatus.AlreadySettled, sequence, batch.Hash));
            }

            CommitLocked(state => Settle(state, batch, sequence));
        }

        return ValueTask.FromResult(new BatchPostResult(BatchPostStatus.Settled, sequence, batch.Hash));
    }

    private int Settle(ChainState state, SignedBatch signed, ulong sequence)
    {
        if (state.EnclaveKey.IsZero)
        {
            throw Reject(ChainError.EnclaveKeyNotRegistered, "No enclave key is registered.");
        }

        if (!BatchDescriptor.TryRecoverSigner(signed.Hash, signed.Signature.Span, Domain, out EthAddress signer))
        {
            throw Reject(ChainError.InvalidSignature, "The signature is malformed.");
        }

        if (signer != state.EnclaveKey)
        {
            throw Reject(ChainError.SignerMismatch, $"Signed by {signer}, the enclave key is {state.EnclaveKey}.");
        }

        if (sequence != state.NextSequence)
        {
            throw Reject(ChainError.SequenceMismatch, $"Expected sequence {state.NextSequence}, got {sequence}.");
        }

        SettlementBatch batch = signed.Decode();
        if (batch.PreviousHash != state.LastBatchHash)
        {
            throw Reject(ChainError.PreviousHashMismatch, $"Expected previous hash {state.LastBatchHash}, got {batch.PreviousHash}.");
        }

        CheckDepositCursor(state, batch.DepositCursor);

        state.NextSequence = sequence + 1;
        state.LastBatchHash = signed.Hash;
        state.JournalHead = batch.JournalHead;
        state.SettledDepositIndex = batch.DepositCursor.Index;
        state.Batches.Add(new BatchEntry { Sequence = sequence, Hash = signed.Hash, JournalHead = batch.JournalHead, Block = state.BlockNumber });
        for (int i = 0; i < batch.Withdrawals.Count; i++)
        {
            Withdrawal withdrawal = batch.Withdrawals[i];
            if (withdrawal.Token.IsZero || withdrawal.Recipient.IsZero || withdrawal.Amount.IsZero)
            {
                throw Reject(ChainError.InvalidWithdrawal, $"Withdrawal {i} has a zero token, recipient or amount.");
            }

            TokenEntry? token = state.FindToken(withdrawal.Token);
            BigInteger available = token?.Custody ?? BigInteger.Zero;
            if (token is null || available < withdrawal.Amount)
            {
                throw Reject(ChainError.InsufficientCustody, $"Withdrawal {i} exceeds the custody of {withdrawal.Token}.");
            }

            token.Custody = available - withdrawal.Amount;
        }

        foreach (Withdrawal withdrawal in batch.Withdrawals)
        {
            TokenEntry token = state.FindToken(withdrawal.Token)!;
            if (token.BalanceOf(Domain.Contract) < withdrawal.Amount)
            {
                throw Reject(ChainError.TokenCallFailed, $"The contract's balance of {withdrawal.Token} is short.");
            }

            token.Move(Domain.Contract, withdrawal.Recipient, withdrawal.Amount);
        }

        _store.WriteBatch(sequence, signed);
        return 0;
    }

    private static void CheckDepositCursor(ChainState state, DepositCursor cursor)
    {
        ulong count = (ulong)state.Deposits.Count;
        if (cursor.Index > count)
        {
            throw Reject(ChainError.DepositCursorAhead, $"Cursor index {cursor.Index}, only {count} deposits.");
        }

        if (cursor.Index < state.SettledDepositIndex)
        {
            throw Reject(ChainError.DepositCursorBehind, $"Cursor index {cursor.Index} is behind {state.SettledDepositIndex}.");
        }

        if (state.DepositHashAt(cursor.Index) != cursor.RunningHash)
        {
            throw Reject(ChainError.DepositCursorMismatch, $"The running hash at deposit {cursor.Index} differs.");
        }
    }
}
