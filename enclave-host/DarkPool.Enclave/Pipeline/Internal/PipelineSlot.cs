namespace DarkPool.Enclave.Pipeline.Internal;

/// <summary>One ring slot: the record to execute (its buffer owned by the slot and reused) and who waits for the answer.</summary>
internal struct PipelineSlot
{
    /// <summary>The record: kind, time (stamped by the sequencer), payload. Allocated once per slot.</summary>
    public byte[] Record;

    /// <summary>How many bytes of <see cref="Record"/> are the record.</summary>
    public int Length;

    /// <summary>The submitter's completion; null for a slot that was claimed but not filled (never published so).</summary>
    public TaskCompletionSource<EnclaveReply>? Waiter;
}
