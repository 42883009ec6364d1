using System.Security.Cryptography;
using DarkPool.Chain;
using DarkPool.Chain.Batches;
using DarkPool.Chain.Entries;
using DarkPool.Enclave.Core;
using DarkPool.Enclave.Journal;
using DarkPool.Enclave.Pipeline;

namespace DarkPool.Enclave.Settlement;

/// <summary>
/// The enclave's settlement surface for the host, off the sequencer thread: what the relay needs to know (the deposit
/// cursor, whether a cut is due, the batches not yet confirmed), signing a cut batch (entries encrypted to each
/// account's key, the batch signed with the sealed secp256k1 settlement key, the signature journaled), and the
/// rollback check against the chain at start. Signing is deterministic (docs/SETTLEMENT.md §10): a batch signed again
/// after a crash is byte-for-byte the one signed before, so a repost is harmless.
/// </summary>
public sealed class SettlementSigner : IDisposable
{
    private readonly EnclaveCore _core;
    private readonly SealedJournal _journal;
    private readonly EnclavePipeline _pipeline;
    private readonly ChainKey _key;
    private readonly byte[] _entrySecret;
    private readonly EntryKey _entryKey;
    private readonly SemaphoreSlim _signing = new(1, 1);

    internal SettlementSigner(EnclaveCore core, SealedJournal journal, EnclavePipeline pipeline, ReadOnlySpan<byte> settlementPrivateKey)
    {
        _core = core;
        _journal = journal;
        _pipeline = pipeline;
        _key = ChainKey.FromPrivateKey(settlementPrivateKey);
        _entrySecret = HMACSHA256.HashData(settlementPrivateKey, "DarkPool entry secret v1"u8);
        _entryKey = EntryKey.Derive(_entrySecret);
    }

    /// <summary>The settlement key's address: the key governance registers on the chain.</summary>
    public EthAddress Address => _key.Address;

    /// <summary>
    /// The entry version a batch signed for the first time is written in: 2 (docs/SETTLEMENT.md §9); tests set 1 to stand
    /// for a build from before version 2, whose signed batches this build must sign again identically.
    /// </summary>
    internal int EntryVersion { get; set; } = 2;

    /// <summary>The newest deposit index credited; the relay sends the ones after it.</summary>
    public ulong CreditedDepositIndex => _core.SettlementState.CreditedDepositIndex;

    /// <summary>The newest signed and newest confirmed batch sequence.</summary>
    public (ulong LastSigned, ulong Confirmed) Progress => _core.SettlementState.Progress;

    /// <summary>Whether a cut record at <paramref name="nowUnixMs"/> would cut a batch.</summary>
    public bool IsCutDue(long nowUnixMs) => _core.SettlementState.IsCutDue(nowUnixMs);

    /// <summary>Sequences of the batches cut and not yet confirmed on chain, in order.</summary>
    public IReadOnlyList<ulong> Unconfirmed => [.. _core.SettlementState.Unconfirmed().Select(b => b.Batch.Sequence)];

    /// <summary>Fills in batch <paramref name="sequence"/> (for throughput figures; 0 once confirmed).</summary>
    public int FillsIn(ulong sequence) => _core.SettlementState.Unconfirmed().FirstOrDefault(b => b.Batch.Sequence == sequence).Batch?.Fills ?? 0;

    /// <summary>
    /// Refuses to run on state older than the chain: the newest batch on chain must be one this state signed, with the
    /// same batch hash and journal head. False with a sentence when not (a rolled-back data folder, or another chain).
    /// </summary>
    public bool TryCheckAnchor(SettlementHead head, out string? error)
    {
        ArgumentNullException.ThrowIfNull(head);
        ulong onChain = head.NextSequence - 1;
        (ulong lastSigned, ulong confirmed) = Progress;
        error = null;
        if (onChain < confirmed)
        {
            error = $"the chain has {onChain} batches but this state saw batch {confirmed} settled: it is not the chain this enclave settles to";
        }
        else if (onChain > lastSigned)
        {
            error = $"the state is older than the chain (rollback): batch {onChain} is anchored on chain but this state signed only up to batch {lastSigned}";
        }
        else if (onChain > 0 && _core.SettlementState.SignatureOf(onChain) is { } mine
            && (mine.BatchHash != head.LastBatchHash || mine.JournalHead != head.JournalHead))
        {
            error = $"batch {onChain} on chain is not the one this state signed (another journal head): refusing to run on a forked state";
        }

        return error is null;
    }

    /// <summary>
    /// Signs batch <paramref name="sequence"/> for <paramref name="domain"/>: the first time, the journal's durable head
    /// is anchored and the signature journaled before the batch is returned; again (after a crash, for a repost), the
    /// same bytes. Batches are signed in order. Throws <see cref="InvalidOperationException"/> when the batch is unknown
    /// or the previous one is not signed yet, or when the enclave stopped.
    /// </summary>
    /// <remarks>
    /// The batch is built (every entry encrypted, the descriptor hashed and signed: the CPU-heavy part) on
    /// <paramref name="buildOn"/> when given, e.g. a thread below normal priority, and on the calling thread when null.
    /// It is encoded into <paramref name="into"/> when given (a caller that signs batch after batch keeps one, so that no
    /// batch-sized array is allocated): the result then reads that buffer and is valid until its next use. Without it the
    /// result has a buffer of its own.
    /// </remarks>
    public async Task<SignedBatch> SignAsync(
        ulong sequence, SettlementDomain domain, CancellationToken cancellationToken = default, TaskScheduler? buildOn = null, BatchBuilder? into = null)
    {
        BatchBuilder builder = into ?? new BatchBuilder();
        await _signing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            SettlementLedger ledger = _core.SettlementState;
            (CutBatch batch, BatchSignature? signed) = ledger.Unconfirmed().FirstOrDefault(b => b.Batch.Sequence == sequence);
            if (batch is null)
            {
                throw new InvalidOperationException($"Batch {sequence} is not a batch waiting to settle.");
            }

            Hash32 previous = sequence == 1 ? Hash32.Zero
                : ledger.SignatureOf(sequence - 1)?.BatchHash ?? throw new InvalidOperationException($"Batch {sequence - 1} is not signed yet.");
            Hash32 head = signed?.JournalHead ?? Hash32.FromBytes(_journal.Head.Hash.ToArray());
            SignedBatch result = buildOn is null
                ? Rebuild(batch, previous, head, domain, builder, signed)
                : await Task.Factory.StartNew(() => Rebuild(batch, previous, head, domain, builder, signed), cancellationToken,
                    TaskCreationOptions.DenyChildAttach | TaskCreationOptions.RunContinuationsAsynchronously, buildOn).ConfigureAwait(false);
            if (signed is { } before)
            {
                return result.Hash == before.BatchHash
                    ? result
                    : throw new InvalidOperationException($"Batch {sequence} signed again is not the batch signed before.");
            }

            EnclaveReply reply = await _pipeline.SubmitOperatorAsync(SettlementRecords.Signed(0, sequence, result.Hash, head)).ConfigureAwait(false);
            if (reply.Status != ReplyStatus.Done || ledger.SignatureOf(sequence)?.BatchHash != result.Hash)
            {
                throw new InvalidOperationException($"The signature of batch {sequence} was not journaled ({reply.Status}).");
            }

            return result;
        }
        finally
        {
            _signing.Release();
        }
    }

    /// <summary>Journals that batch <paramref name="sequence"/> is on chain (the host saw it settled, now or before).</summary>
    public async Task ConfirmAsync(ulong sequence)
    {
        EnclaveReply reply = await _pipeline.SubmitOperatorAsync(SettlementRecords.Confirmed(0, sequence)).ConfigureAwait(false);
        if (reply.Status != ReplyStatus.Done)
        {
            throw new InvalidOperationException($"The confirmation of batch {sequence} was not journaled ({reply.Status}).");
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_entrySecret);
        _entryKey.Dispose();
        _signing.Dispose();
    }

    /// <summary>
    /// Builds the batch with version 2 entries and signs it. A batch signed before (<paramref name="before"/>) whose hash
    /// that does not give was signed by a build that wrote version 1 entries (a crash between signing and settling,
    /// across an upgrade): it is built again in version 1 and that one is signed. Hashes are compared before anything
    /// is signed, so no second batch is ever signed for a sequence; the caller compares the result with the signed hash.
    /// </summary>
    private SignedBatch Rebuild(CutBatch batch, Hash32 previous, Hash32 head, SettlementDomain domain, BatchBuilder builder, BatchSignature? before)
    {
        Hash32 hash = Build(batch, previous, head, builder, version2: EntryVersion == 2);
        if (before is { } signed && hash != signed.BatchHash && batch.Entries.Count > 0 && EntryVersion == 2)
        {
            _ = Build(batch, previous, head, builder, version2: false);
        }

        return builder.Sign(domain, _key);
    }

    /// <summary>
    /// The real entries among decoys (<see cref="EntryDecoys"/>): as many entries as <see cref="EntryDecoys.Total"/> says,
    /// the real ones in address order, the decoys at positions drawn from the entry secret, each as long as a real entry
    /// of the batch drawn the same way. An account whose key is not a curve point gets a decoy in its place (as long as
    /// its entry would have been), so the count does not say that either.
    /// </summary>
    private void AddVersion2Entries(CutBatch batch, Hash32 head, BatchBuilder builder)
    {
        int real = batch.Entries.Count;
        if (real == 0)
        {
            return;
        }

        int decoys = EntryDecoys.Total(real) - real;
        using var order = new EntryDecoys.Order(_entrySecret, batch.Sequence, head, real, decoys);
        Span<byte> key = stackalloc byte[32];
        int nextReal = 0;
        int nextDecoy = 0;
        try
        {
            for (int position = 0; position < real + decoys; position++)
            {
                int length;
                if (!order.NextIsDecoy())
                {
                    CutEntry entry = batch.Entries[nextReal++];
                    try
                    {
                        builder.AddEntry(entry.PublicKey, entry.Plaintext);
                        continue;
                    }
                    catch (ArgumentException)
                    {
                        // A public key that is not a curve point (the record only checked its hash): that account cannot
                        // read an entry (its public withdrawals are still paid); a decoy of its length takes its place.
                        length = entry.Plaintext.Length;
                    }
                }
                else
                {
                    length = batch.Entries[order.NextIndex(real)].Plaintext.Length;
                }

                EntryDecoys.Key(_entrySecret, batch.Sequence, head, nextDecoy++, key);
                builder.AddDecoy(key, length);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Encodes the batch into <paramref name="builder"/> and completes it (not signed); returns its hash.</summary>
    private Hash32 Build(CutBatch batch, Hash32 previous, Hash32 head, BatchBuilder builder, bool version2)
    {
        builder.Begin(batch.Sequence, previous, head, batch.DepositCursor, batch.Withdrawals, withCiphertext: batch.Entries.Count > 0,
            version2 ? _entryKey : null);
        if (version2)
        {
            AddVersion2Entries(batch, head, builder);
        }
        else
        {
            foreach (CutEntry entry in batch.Entries)
            {
                byte[] ephemeral = EntryCipher.DeriveEphemeral(_entrySecret, batch.Sequence, entry.Account);
                try
                {
                    builder.AddEntry(ephemeral, entry.PublicKey, entry.Plaintext);
                }
                catch (ArgumentException)
                {
                    // A public key that is not a curve point (the record only checked its hash): that account cannot
                    // read an entry; its public withdrawals are still paid.
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(ephemeral);
                }
            }
        }

        return builder.Complete();
    }
}
