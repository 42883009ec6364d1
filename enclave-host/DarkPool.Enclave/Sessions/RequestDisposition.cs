namespace DarkPool.Enclave.Sessions;

/// <summary>What the pipeline must do with an accepted request.</summary>
public enum RequestDisposition : byte
{
    /// <summary>A new request id: apply it, then seal its first answer (which the table records as its outcome).</summary>
    New = 1,

    /// <summary>A processed request id: do not apply it again; seal its recorded outcome with <see cref="SessionTable.TrySealOutcome"/>.</summary>
    Duplicate = 2,

    /// <summary>A request id still in flight: do not apply it; seal the outcome once the first request's answer is recorded.</summary>
    DuplicateInFlight = 3,
}
