namespace DarkPool.Enclave.Pipeline;

/// <summary>The outcome of one submission to the pipeline.</summary>
public enum ReplyStatus : byte
{
    /// <summary>Executed and durable; the answers are in the reply.</summary>
    Done = 1,

    /// <summary>Refused as a whole without changing anything (see the reject reasons).</summary>
    Refused,

    /// <summary>The ring was full: nothing was done, nothing was dropped silently; the caller retries.</summary>
    Busy,

    /// <summary>The enclave stopped (a storage failure): nothing more is accepted; the answer is unknown.</summary>
    Stopped,
}
