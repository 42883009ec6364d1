namespace DarkPool.Enclave.Pipeline.Internal;

/// <summary>What the sequencer left in a slot for the journal stage to do.</summary>
internal enum SlotAction : byte
{
    /// <summary>Not executed (the pipeline had stopped, or the core failed on it): the answer is Stopped.</summary>
    Stopped = 0,

    /// <summary>Executed without changing state (a refused envelope): nothing to journal; release the reply in order.</summary>
    Reply,

    /// <summary>Executed and changed state: append the record, release the reply once it is durable.</summary>
    Journal,

    /// <summary>A snapshot request: answered once everything before it is durable and its snapshot write has started.</summary>
    Control,
}
