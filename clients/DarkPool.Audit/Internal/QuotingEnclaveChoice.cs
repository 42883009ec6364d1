namespace DarkPool.Audit.Internal;

/// <summary>Which quoting enclave a policy file trusts to certify attestation keys.</summary>
internal enum QuotingEnclaveChoice
{
    /// <summary>Intel's (QuotingEnclavePolicy.IntelSgx): hardware.</summary>
    Intel = 0,

    /// <summary>The simulated platform's (QuotingEnclavePolicy.Simulated).</summary>
    Simulated,
}
