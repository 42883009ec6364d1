using DarkPool.Chain;
using DarkPool.Chain.Batches;

namespace DarkPool.Enclave.Settlement;

/// <summary>
/// A batch as the core cut it, before encryption and signing: immutable, so the signer reads it off the sequencer
/// thread. Entries are in address order; each is a padded plaintext for the account's public key.
/// </summary>
internal sealed record CutBatch(
    ulong Sequence,
    DepositCursor DepositCursor,
    IReadOnlyList<Withdrawal> Withdrawals,
    IReadOnlyList<CutEntry> Entries,
    int Fills);

/// <summary>One account's entry of a cut batch.</summary>
internal sealed record CutEntry(EthAddress Account, byte[] PublicKey, byte[] Plaintext);

/// <summary>What signing a batch fixed: its hash and the journal head it anchors.</summary>
internal readonly record struct BatchSignature(Hash32 BatchHash, Hash32 JournalHead);
