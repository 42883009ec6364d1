using DarkPool.Attestation.Collateral.Internal;

namespace DarkPool.Attestation.Collateral;

/// <summary>One level of a QE Identity: the status of a quoting enclave whose ISVSVN is at least <see cref="IsvSvn"/>.</summary>
public sealed class QeTcbLevel
{
    /// <summary>A level. A QE Identity's levels are UpToDate, OutOfDate or Revoked.</summary>
    /// <exception cref="ArgumentException">Another status, or an advisory id with characters other than letters, digits and dashes.</exception>
    public QeTcbLevel(ushort isvSvn, DateTimeOffset tcbDate, TcbStatus status, IReadOnlyList<string>? advisoryIds = null)
    {
        if (status is not (TcbStatus.UpToDate or TcbStatus.OutOfDate or TcbStatus.Revoked))
        {
            throw new ArgumentException("A QE Identity level is UpToDate, OutOfDate or Revoked.", nameof(status));
        }

        IsvSvn = isvSvn;
        TcbDate = CollateralText.TruncateToSeconds(tcbDate);
        Status = status;
        AdvisoryIds = CollateralText.ValidateAdvisoryIds(advisoryIds, nameof(advisoryIds));
    }

    /// <summary>The lowest QE ISVSVN of the level.</summary>
    public ushort IsvSvn { get; }

    /// <summary>The date of the TCB recovery this level belongs to.</summary>
    public DateTimeOffset TcbDate { get; }

    /// <summary>UpToDate, OutOfDate or Revoked.</summary>
    public TcbStatus Status { get; }

    /// <summary>Intel security advisories that apply to a QE at this level.</summary>
    public IReadOnlyList<string> AdvisoryIds { get; }
}
