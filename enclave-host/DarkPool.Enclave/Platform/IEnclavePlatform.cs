using DarkPool.Attestation.Identity;
using DarkPool.Enclave.Sealing;

namespace DarkPool.Enclave.Platform;

/// <summary>
/// What an enclave asks of its hardware: who it is, evidence of that for a remote verifier, keys bound to its
/// identity, and a counter that never goes back. The simulated platform implements it today; SGX, TDX, SEV-SNP or
/// Nitro backends would be further implementations.
/// </summary>
public interface IEnclavePlatform
{
    /// <summary>The identity the platform measured and will report in quotes.</summary>
    EnclaveIdentity Identity { get; }

    /// <summary>True for the simulated platform: no isolation, a test root of trust.</summary>
    bool IsSimulated { get; }

    /// <summary>An SGX DCAP v3 quote over the enclave's identity and <paramref name="reportData"/> (exactly 64 bytes).</summary>
    byte[] CreateQuote(ReadOnlySpan<byte> reportData);

    /// <summary>The sealing key generation new blobs are sealed with; starts at 1.</summary>
    uint SealKeyGeneration { get; }

    /// <summary>Moves new seals to the next key generation (durably) and returns it; older generations stay derivable.</summary>
    uint RotateSealKeyGeneration();

    /// <summary>
    /// Derives the 32-byte sealing key for <paramref name="policy"/>, a security version not above the enclave's own,
    /// an available generation and a 32-byte key id. Refuses, with a reason, what the enclave may not have.
    /// </summary>
    bool TryDeriveSealingKey(SealPolicy policy, ushort securityVersion, uint generation, ReadOnlySpan<byte> keyId, Span<byte> key, out SealKeyError error);

    /// <summary>The monotonic counter's current value (0 before the first increment).</summary>
    ulong ReadMonotonicCounter();

    /// <summary>Adds one to the monotonic counter; the new value is durable when this returns.</summary>
    ulong IncrementMonotonicCounter();
}
