using DarkPool.Attestation.Verification;

namespace DarkPool.Audit.Internal;

/// <summary>One row of the table of checks.</summary>
/// <param name="Number">Its place in the verifier's order (docs/ATTESTATION.md §5).</param>
/// <param name="Check">The check.</param>
/// <param name="Result">What became of it.</param>
/// <param name="Detail">Why it failed or was skipped, or what it confirmed.</param>
internal sealed record CheckLine(int Number, VerificationCheck Check, CheckOutcome Result, string Detail);
