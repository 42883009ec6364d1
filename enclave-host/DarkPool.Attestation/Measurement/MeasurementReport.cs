using DarkPool.Attestation.Identity;

namespace DarkPool.Attestation.Measurement;

/// <summary>The measurement of a build output and what it was computed from.</summary>
/// <param name="Measurement">MRENCLAVE: see docs/ATTESTATION.md for the exact definition.</param>
/// <param name="Files">The measured assemblies, in measurement order (ordinal by file name).</param>
/// <param name="FrameworkReferences">Referenced framework assemblies, resolved from the runtime and not measured.</param>
public sealed record MeasurementReport(Sha256Hash Measurement, IReadOnlyList<MeasuredFile> Files, IReadOnlyList<string> FrameworkReferences);
