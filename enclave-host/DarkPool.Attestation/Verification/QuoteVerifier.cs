using System.Security.Cryptography;
using DarkPool.Attestation.Binding;
using DarkPool.Attestation.Collateral;
using DarkPool.Attestation.Identity;
using DarkPool.Attestation.Quotes;
using DarkPool.Attestation.Verification.Internal;

namespace DarkPool.Attestation.Verification;

/// <summary>
/// Verifies a quote against a policy, an expected report-data binding and a nonce registry, at the time its
/// <see cref="TimeProvider"/> gives, and, given collateral, as Intel's DCAP verifier does (revocation, signed TCB Info
/// and QE Identity, TCB level). The checks run in the order of <see cref="VerificationCheck"/>: structure, collateral,
/// PCK chain, CRLs, TCB Info and QE Identity, QE report signature, QE binding, QE identity, quote signature, TCB level,
/// then the policy on authenticated data, report data, and last the nonce, consumed only when everything else
/// passed. Expected failures are results, never exceptions. A quote is simulated when its flag says so, and also when
/// the pinned root is the simulated platform's (<see cref="SimulatedCertificates"/>) or its quoting enclave is the
/// simulated one, whatever its flag says: anyone holding the simulated platform's data folder can sign quotes.
/// </summary>
public sealed partial class QuoteVerifier
{
    private readonly VerificationPolicy _policy;
    private readonly NonceRegistry _nonces;
    private readonly TimeProvider _time;
    private readonly bool _pinnedRootIsSimulated;

    /// <summary>A verifier for one policy; <paramref name="nonces"/> issued the nonces it will be asked about.</summary>
    /// <exception cref="ArgumentException">The policy allows every enclave (no measurement and no signer), or accepts a revoked TCB.</exception>
    public QuoteVerifier(VerificationPolicy policy, NonceRegistry nonces, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(nonces);
        ArgumentNullException.ThrowIfNull(time);
        policy.Validate();
        _policy = policy;
        _nonces = nonces;
        _time = time;
        _pinnedRootIsSimulated = SimulatedCertificates.IsSimulated(policy.PinnedRoot);
    }

    /// <summary>
    /// Runs every check that needs no collateral on <paramref name="quote"/>; the result names the first that failed.
    /// Revocation and the TCB level are not checked (a policy with <see cref="VerificationPolicy.RequireCollateral"/> refuses).
    /// </summary>
    public VerificationResult Verify(ReadOnlyMemory<byte> quote, ReportDataBinding expected) => VerifyCore(quote, expected, null);

    /// <summary>Runs every check, including those on <paramref name="collateral"/>; the result names the first that failed.</summary>
    public VerificationResult Verify(ReadOnlyMemory<byte> quote, ReportDataBinding expected, QuoteCollateral collateral)
    {
        ArgumentNullException.ThrowIfNull(collateral);
        return VerifyCore(quote, expected, collateral);
    }

    private VerificationResult VerifyCore(ReadOnlyMemory<byte> quote, ReportDataBinding expected, QuoteCollateral? collateral)
    {
        ArgumentNullException.ThrowIfNull(expected);
        if (!Quote.TryParse(quote, out Quote? parsed, out QuoteParseError parseError))
        {
            return VerificationResult.Malformed(parseError);
        }

        if (collateral is null && _policy.RequireCollateral)
        {
            return VerificationResult.Failed(VerificationCheck.Collateral, "the policy requires collateral and none was given");
        }

        ParsedCollateral? parsedCollateral = null;
        if (collateral is not null && !ParsedCollateral.TryParse(collateral, out parsedCollateral, out string detail))
        {
            return VerificationResult.Failed(VerificationCheck.Collateral, detail);
        }

        using (parsedCollateral)
        {
            var evaluation = new CollateralEvaluation(parsedCollateral);
            string? simulatedEvidence = SimulatedEvidence(parsed);
            bool isSimulated = parsed.IsSimulated || simulatedEvidence is not null;
            VerificationResult? failure = CheckPlatformEvidence(parsed, evaluation)
                ?? CheckQuoteSignature(parsed)
                ?? CheckTcb(evaluation)
                ?? CheckSimulation(parsed.IsSimulated, simulatedEvidence)
                ?? CheckPolicy(parsed.EnclaveReport)
                ?? CheckReportData(parsed.EnclaveReport, expected)
                ?? CheckNonce(expected);
            VerificationResult result = failure ?? VerificationResult.Valid(parsed.EnclaveReport.ToIdentity(), isSimulated);
            return evaluation.Status is { } status ? result.WithTcb(status, evaluation.AdvisoryIds) : result;
        }
    }

    private static VerificationResult? CheckQuoteSignature(Quote quote)
    {
        if (!EcdsaP256.TryImportPublicKey(quote.AttestationKey, out ECDsa? attestationKey))
        {
            return VerificationResult.Failed(VerificationCheck.QuoteSignature, "the attestation key is not a P-256 point");
        }

        using (attestationKey)
        {
            return EcdsaP256.Verify(attestationKey, quote.SignedBytes, quote.QuoteSignature)
                ? null
                : VerificationResult.Failed(VerificationCheck.QuoteSignature, "the header and report body are not signed by the attestation key");
        }
    }

    // What, besides its flag, shows that a quote comes from the simulated platform: the root the policy pins, or the QE
    // that certified the attestation key. Read up front but acted on only once the chain, the QE report and the quote
    // signature have passed, when the QE's MRSIGNER is authenticated (and equal to the policy's).
    private string? SimulatedEvidence(Quote quote) =>
        _pinnedRootIsSimulated ? $"chains to the simulated platform's root '{_policy.PinnedRoot.Subject}'"
        : quote.QeReport.MrSigner == SimulatedQuotingEnclave.MrSigner ? "comes from the simulated quoting enclave"
        : null;

    private VerificationResult? CheckSimulation(bool flagged, string? evidence)
    {
        if (evidence is not null && !flagged)
        {
            return VerificationResult.Failed(
                VerificationCheck.SimulationFlag,
                $"the quote {evidence} but its platform flags say hardware: the simulated platform always sets the flag, so the quote "
                + "was made by someone else holding its keys");
        }

        if ((flagged || evidence is not null) && !_policy.AllowSimulation)
        {
            return VerificationResult.Failed(
                VerificationCheck.Simulation,
                $"the quote comes from the simulated platform (it {evidence ?? "says so in its platform flags"}), which this policy does not accept");
        }

        return null;
    }

    private VerificationResult? CheckPolicy(ReportBody report)
    {
        if (report.IsDebug && !_policy.AllowDebug)
        {
            return VerificationResult.Failed(VerificationCheck.Debug, "the enclave has the DEBUG attribute");
        }

        Sha256Hash mrEnclave = report.MrEnclave;
        if (_policy.AllowedMeasurements.Count > 0 && !_policy.AllowedMeasurements.Contains(mrEnclave))
        {
            return VerificationResult.Failed(VerificationCheck.Measurement, $"MRENCLAVE {mrEnclave} is not an allowed measurement");
        }

        if (_policy.Signer is { } signer)
        {
            if (report.MrSigner != signer.MrSigner)
            {
                return VerificationResult.Failed(VerificationCheck.Signer, $"MRSIGNER {report.MrSigner} is not {signer.MrSigner}");
            }

            if (report.IsvProdId != signer.ProductId)
            {
                return VerificationResult.Failed(VerificationCheck.ProductId, $"ISVPRODID {report.IsvProdId} is not {signer.ProductId}");
            }

            if (report.IsvSvn < signer.MinimumSecurityVersion)
            {
                return VerificationResult.Failed(
                    VerificationCheck.SecurityVersion,
                    $"ISVSVN {report.IsvSvn} is below the minimum {signer.MinimumSecurityVersion}");
            }
        }

        return null;
    }

    private static VerificationResult? CheckReportData(ReportBody report, ReportDataBinding expected) =>
        CryptographicOperations.FixedTimeEquals(report.ReportData, expected.ToReportData())
            ? null
            : VerificationResult.Failed(VerificationCheck.ReportData, "REPORTDATA does not bind the expected keys and nonce");

    private VerificationResult? CheckNonce(ReportDataBinding expected) => _nonces.Consume(expected.Nonce) switch
    {
        NonceStatus.Fresh => null,
        NonceStatus.Replayed => VerificationResult.Failed(VerificationCheck.NonceReplayed, "the nonce was already used"),
        NonceStatus.Expired => VerificationResult.Failed(VerificationCheck.NonceExpired, "the nonce is older than the registry's lifetime"),
        _ => VerificationResult.Failed(VerificationCheck.NonceUnknown, "the nonce was not issued by this verifier"),
    };
}
