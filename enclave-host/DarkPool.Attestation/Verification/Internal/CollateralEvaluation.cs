using DarkPool.Attestation.Collateral;

namespace DarkPool.Attestation.Verification.Internal;

/// <summary>What one verification learns from the collateral as it goes: the PCK extension, the QE's level, the TCB status.</summary>
internal sealed class CollateralEvaluation(ParsedCollateral? collateral)
{
    public ParsedCollateral? Collateral { get; } = collateral;

    public SgxPckExtension? PckExtension { get; set; }

    public QeTcbLevel? QeLevel { get; set; }

    public TcbStatus? Status { get; set; }

    public IReadOnlyList<string> AdvisoryIds { get; set; } = [];
}
