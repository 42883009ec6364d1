using System.Security.Cryptography.X509Certificates;
using DarkPool.Attestation.Collateral;
using DarkPool.Attestation.Identity;

namespace DarkPool.Attestation.Verification;

/// <summary>
/// What a relying party accepts. The enclave must match <see cref="AllowedMeasurements"/> or <see cref="Signer"/>
/// (both, when both are set); at least one of them is required. DEBUG and simulated quotes are refused unless
/// explicitly allowed. With collateral, the TCB status must be one of <see cref="AcceptedTcbStatuses"/>.
/// </summary>
public sealed class VerificationPolicy
{
    /// <summary>The root CA the PCK chain must end at (Intel's SGX root on hardware, the platform's test root in simulation).</summary>
    public required X509Certificate2 PinnedRoot { get; init; }

    /// <summary>The quoting enclave trusted to certify attestation keys.</summary>
    public required QuotingEnclavePolicy QuotingEnclave { get; init; }

    /// <summary>Exact MRENCLAVE values accepted; empty means "decided by <see cref="Signer"/>".</summary>
    public IReadOnlyList<Sha256Hash> AllowedMeasurements { get; init; } = [];

    /// <summary>Signer, product and minimum security version accepted; null means "decided by <see cref="AllowedMeasurements"/>".</summary>
    public SignerPolicy? Signer { get; init; }

    /// <summary>Accept enclaves with the DEBUG attribute. Never in production: the host can read their memory.</summary>
    public bool AllowDebug { get; init; }

    /// <summary>Accept quotes from the simulated platform. Never in production: there is no isolation.</summary>
    public bool AllowSimulation { get; init; }

    /// <summary>
    /// The TCB statuses accepted when the quote is verified with collateral (UpToDate only, by default). Revoked is
    /// never accepted: the constructor of <see cref="QuoteVerifier"/> refuses a policy that lists it.
    /// </summary>
    public IReadOnlyCollection<TcbStatus> AcceptedTcbStatuses { get; init; } = [TcbStatus.UpToDate];

    /// <summary>
    /// Refuse a verification without collateral (check <see cref="VerificationCheck.Collateral"/>): without it there is
    /// no revocation and no TCB evaluation. False by default so that quote-only verification keeps working.
    /// </summary>
    public bool RequireCollateral { get; init; }

    /// <summary>A production policy: Intel's quoting enclave, no DEBUG, no simulation.</summary>
    public static VerificationPolicy Production(X509Certificate2 intelRoot, IReadOnlyList<Sha256Hash> allowedMeasurements, SignerPolicy? signer) =>
        new()
        {
            PinnedRoot = intelRoot,
            QuotingEnclave = QuotingEnclavePolicy.IntelSgx,
            AllowedMeasurements = allowedMeasurements,
            Signer = signer,
        };

    /// <summary>A policy for the simulated platform: its exported test root and QE, simulation allowed, no DEBUG.</summary>
    public static VerificationPolicy Simulation(X509Certificate2 testRoot, IReadOnlyList<Sha256Hash> allowedMeasurements, SignerPolicy? signer) =>
        new()
        {
            PinnedRoot = testRoot,
            QuotingEnclave = QuotingEnclavePolicy.Simulated,
            AllowedMeasurements = allowedMeasurements,
            Signer = signer,
            AllowSimulation = true,
        };

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(PinnedRoot);
        ArgumentNullException.ThrowIfNull(QuotingEnclave);
        ArgumentNullException.ThrowIfNull(AllowedMeasurements);
        ArgumentNullException.ThrowIfNull(AcceptedTcbStatuses);
        if (AcceptedTcbStatuses.Contains(TcbStatus.Revoked))
        {
            throw new ArgumentException("No policy accepts a revoked TCB.");
        }

        if (AllowedMeasurements.Count == 0 && Signer is null)
        {
            throw new ArgumentException("A policy names allowed measurements, a signer policy, or both; an empty policy would accept any enclave.");
        }
    }
}
