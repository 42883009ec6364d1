using DarkPool.Attestation.Identity;

namespace DarkPool.Enclave.Journal;

/// <summary>
/// The last durable record: its sequence and the SHA-256 of its frame, which chains every record before it. Sequence
/// 0 with a zero hash is the empty journal. This is the value a settlement batch anchors on the chain.
/// </summary>
/// <param name="Sequence">Sequence of the last durable record, 0 when there is none.</param>
/// <param name="Hash">SHA-256 of that record's frame (zero when there is none).</param>
public readonly record struct JournalHead(long Sequence, Sha256Hash Hash);
