using DarkPool.Attestation.Collateral;

namespace DarkPool.Enclave.Platform;

/// <summary>
/// What the simulated platform's stand-in for Intel's provisioning service says about it: the TCB status of its TCB
/// and of its quoting enclave, whether its PCK certificate is revoked, and how long each document is valid. Tests use
/// it to make the platform UpToDate, OutOfDate or Revoked.
/// </summary>
public sealed class SimulatedCollateralOptions
{
    /// <summary>
    /// The status of the level the platform's TCB (the PCK certificate's CPUSVN and PCESVN) matches. Anything other
    /// than UpToDate also publishes a higher UpToDate level (PCESVN + 1) above it, as a TCB recovery does.
    /// </summary>
    public TcbStatus PlatformTcbStatus { get; init; } = TcbStatus.UpToDate;

    /// <summary>The status of the quoting enclave's ISVSVN in the QE Identity: UpToDate, OutOfDate or Revoked.</summary>
    public TcbStatus QeTcbStatus { get; init; } = TcbStatus.UpToDate;

    /// <summary>List the platform's PCK certificate in the PCK CRL.</summary>
    public bool PckCertificateRevoked { get; init; }

    /// <summary>nextUpdate - issueDate of the TCB Info (Intel's is 30 days).</summary>
    public TimeSpan TcbInfoLifetime { get; init; } = TimeSpan.FromDays(30);

    /// <summary>nextUpdate - issueDate of the QE Identity.</summary>
    public TimeSpan QeIdentityLifetime { get; init; } = TimeSpan.FromDays(30);

    /// <summary>nextUpdate - thisUpdate of both CRLs.</summary>
    public TimeSpan CrlLifetime { get; init; } = TimeSpan.FromDays(30);

    /// <summary>The TCB evaluation data number written in both documents.</summary>
    public uint TcbEvaluationDataNumber { get; init; } = 1;

    internal void Validate()
    {
        if (QeTcbStatus is not (TcbStatus.UpToDate or TcbStatus.OutOfDate or TcbStatus.Revoked))
        {
            throw new ArgumentException("The QE's TCB status is UpToDate, OutOfDate or Revoked.", nameof(QeTcbStatus));
        }

        if (!Enum.IsDefined(PlatformTcbStatus))
        {
            throw new ArgumentException("Unknown platform TCB status.", nameof(PlatformTcbStatus));
        }

        if (TcbInfoLifetime <= TimeSpan.Zero || QeIdentityLifetime <= TimeSpan.Zero || CrlLifetime <= TimeSpan.Zero)
        {
            throw new ArgumentException("Collateral lifetimes are positive.");
        }
    }
}
