using System.Security.Cryptography;
using DarkPool.Enclave.Core;
using DarkPool.Protocol;

namespace DarkPool.Enclave.Pipeline.Internal;

/// <summary>
/// One ring slot. The submitter writes the record and its completion; the sequencer writes what executing it produced;
/// the journal stage appends, releases and clears. Buffers are owned by the slot and reused.
/// </summary>
internal struct PipelineSlot
{
    /// <summary>The record: kind, time (stamped by the sequencer), payload. Allocated once per slot. Submitter.</summary>
    public byte[] Record;

    /// <summary>How many bytes of <see cref="Record"/> are the record. Submitter.</summary>
    public int Length;

    /// <summary>The submitter's completion; null for a slot that was claimed but not filled (never published so). Submitter.</summary>
    public TaskCompletionSource<EnclaveReply>? Waiter;

    /// <summary>What the journal stage does with the slot. Sequencer.</summary>
    public SlotAction Action;

    /// <summary>The journal sequence the sequencer gave the record (<see cref="SlotAction.Journal"/> only). Sequencer.</summary>
    public long JournalSequence;

    /// <summary>The reply, released once the record is durable. Sequencer.</summary>
    public EnclaveReply? Reply;

    /// <summary>Sealed events for other sessions, delivered once durable; allocated once per slot and reused. Sequencer.</summary>
    public List<(SessionId Session, byte[] Envelope)>? Others;

    /// <summary>A snapshot was serialised at <see cref="SnapshotPosition"/> (into the coordinator's buffer), to write once that position is durable. Sequencer.</summary>
    public bool Snapshot;

    /// <summary>The journal position <see cref="Snapshot"/> was taken at. Sequencer.</summary>
    public long SnapshotPosition;

    /// <summary>
    /// True while the record is a request the sequencer opened in place (an <see cref="EnclaveRecordKind.OpenedEnvelope"/>
    /// record: the request's plaintext).
    /// </summary>
    public readonly bool HoldsOpenedRequest => Record[0] == (byte)EnclaveRecordKind.OpenedEnvelope;

    /// <summary>Clears the record if it holds an opened request; the journal keeps its own copy, cleared once sealed.</summary>
    public readonly void ClearOpenedRequest()
    {
        if (HoldsOpenedRequest)
        {
            CryptographicOperations.ZeroMemory(Record.AsSpan(0, Length));
        }
    }
}
