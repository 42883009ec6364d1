namespace DarkPool.Audit.Internal;

/// <summary>What became of one check of the verifier in one run.</summary>
internal enum CheckOutcome
{
    /// <summary>Ran and passed.</summary>
    Passed = 0,

    /// <summary>Ran and failed: the quote is refused.</summary>
    Failed,

    /// <summary>Not reached: the verifier stops at the first failure.</summary>
    NotRun,

    /// <summary>Does not apply to this run (the policy has no such rule, or a quote file has no nonce to check); says why.</summary>
    Skipped,
}
