using DarkPool.Chain;

namespace DarkPool.ChainClient;

/// <summary>What <see cref="EnclaveKeyRegistration.RegisterAsync"/> did on the chain.</summary>
/// <param name="Backend">"embedded" or "evm"</param>
/// <param name="ChainId">the chain id</param>
/// <param name="Contract">the settlement contract</param>
/// <param name="Key">the enclave key asked for</param>
/// <param name="PreviousKey">the key registered before (zero when none was)</param>
/// <param name="Registration">the new registration; null when <paramref name="Key"/> already was the registered key and nothing was sent</param>
public sealed record EnclaveKeyRegistrationResult(
    string Backend, ulong ChainId, EthAddress Contract, EthAddress Key, EthAddress PreviousKey, KeyRegistration? Registration)
{
    /// <summary>True when the key already was the registered one: nothing was sent to the chain.</summary>
    public bool AlreadyRegistered => Registration is null;
}
