using DarkPool.Attestation.Collateral.Internal;

namespace DarkPool.Attestation.Collateral;

/// <summary>
/// One level of a TCB Info: the 16 SGX TCB component SVNs and the PCE SVN a platform must reach, and the status
/// Intel gives a platform whose TCB is at or above this level (and below every level listed before it).
/// </summary>
public sealed class TcbLevel
{
    /// <summary>Number of SGX TCB components (the bytes of CPUSVN).</summary>
    public const int ComponentCount = 16;

    private readonly byte[] _components;

    /// <summary>A level; <paramref name="sgxComponents"/> is exactly 16 SVNs.</summary>
    /// <exception cref="ArgumentException">Not 16 components, or an advisory id with characters other than letters, digits and dashes.</exception>
    public TcbLevel(ReadOnlySpan<byte> sgxComponents, ushort pceSvn, DateTimeOffset tcbDate, TcbStatus status, IReadOnlyList<string>? advisoryIds = null)
    {
        if (sgxComponents.Length != ComponentCount)
        {
            throw new ArgumentException($"A TCB level has {ComponentCount} SGX components.", nameof(sgxComponents));
        }

        _components = sgxComponents.ToArray();
        PceSvn = pceSvn;
        TcbDate = CollateralText.TruncateToSeconds(tcbDate);
        Status = status;
        AdvisoryIds = CollateralText.ValidateAdvisoryIds(advisoryIds, nameof(advisoryIds));
    }

    /// <summary>The SVN of each SGX TCB component, in CPUSVN byte order.</summary>
    public ReadOnlySpan<byte> SgxComponents => _components;

    /// <summary>The PCE security version of the level.</summary>
    public ushort PceSvn { get; }

    /// <summary>The date of the TCB recovery this level belongs to.</summary>
    public DateTimeOffset TcbDate { get; }

    /// <summary>The status of a platform matching this level.</summary>
    public TcbStatus Status { get; }

    /// <summary>Intel security advisories that apply to a platform at this level (empty when up to date).</summary>
    public IReadOnlyList<string> AdvisoryIds { get; }

    /// <summary>True when every component of <paramref name="components"/> and <paramref name="pceSvn"/> reach this level.</summary>
    public bool IsReachedBy(ReadOnlySpan<byte> components, ushort pceSvn)
    {
        if (components.Length != ComponentCount || pceSvn < PceSvn)
        {
            return false;
        }

        for (int i = 0; i < ComponentCount; i++)
        {
            if (components[i] < _components[i])
            {
                return false;
            }
        }

        return true;
    }
}
