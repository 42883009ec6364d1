namespace DarkPool.Enclave.Pipeline;

/// <summary>One ring slot: the record to execute (its buffer owned by the slot and reused) and who waits for the answer.</summary>
internal struct PipelineSlot
{
    public byte[] Record;
    public int Length;
    public TaskCompletionSource<EnclaveReply>? Waiter;
}
