using DarkPool.Attestation.Collateral;

namespace DarkPool.Attestation.Verification.Internal;

/// <summary>
/// TCB evaluation as Intel's QVL does it. The platform level is the first TCB Info level, with levels ordered highest
/// first (components compared in order, then PCESVN), that every SGX component SVN of the PCK certificate and its
/// PCESVN reach. The QE level is the first QE Identity level whose ISVSVN the QE report's ISVSVN reaches. The two
/// statuses then converge: a revoked QE revokes; an out-of-date QE makes an up-to-date (or SW-hardening) platform
/// OutOfDate and a configuration-needed one OutOfDateConfigurationNeeded.
/// </summary>
internal static class TcbEvaluator
{
    public static TcbLevel? MatchPlatform(TcbInfo tcbInfo, SgxPckExtension extension)
    {
        foreach (TcbLevel level in tcbInfo.Levels.OrderByDescending(level => level, HighestFirst.Instance))
        {
            if (level.IsReachedBy(extension.TcbComponents, extension.PceSvn))
            {
                return level;
            }
        }

        return null;
    }

    public static QeTcbLevel? MatchQe(QeIdentity identity, ushort qeIsvSvn) =>
        identity.Levels.FirstOrDefault(level => level.IsvSvn <= qeIsvSvn);

    public static TcbStatus Converge(TcbStatus platform, TcbStatus qe) => qe switch
    {
        TcbStatus.Revoked => TcbStatus.Revoked,
        TcbStatus.OutOfDate => platform switch
        {
            TcbStatus.UpToDate or TcbStatus.SWHardeningNeeded => TcbStatus.OutOfDate,
            TcbStatus.ConfigurationNeeded or TcbStatus.ConfigurationAndSWHardeningNeeded => TcbStatus.OutOfDateConfigurationNeeded,
            _ => platform,
        },
        _ => platform,
    };

    public static IReadOnlyList<string> Advisories(TcbLevel platform, QeTcbLevel qe) => platform.AdvisoryIds.Concat(qe.AdvisoryIds).Distinct(StringComparer.Ordinal).ToArray();

    // Intel keeps the levels in a set ordered by the component SVNs (lexicographically), then by PCESVN.
    private sealed class HighestFirst : IComparer<TcbLevel>
    {
        public static readonly HighestFirst Instance = new();

        public int Compare(TcbLevel? x, TcbLevel? y)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);
            int components = x.SgxComponents.SequenceCompareTo(y.SgxComponents);
            return components != 0 ? components : x.PceSvn.CompareTo(y.PceSvn);
        }
    }
}
