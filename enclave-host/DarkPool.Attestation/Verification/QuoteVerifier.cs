using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DarkPool.Attestation.Binding;
using DarkPool.Attestation.Identity;
using DarkPool.Attestation.Quotes;
using DarkPool.Attestation.Verification.Internal;

namespace DarkPool.Attestation.Verification;

/// <summary>
/// Verifies a quote against a policy, an expected report-data binding and a nonce registry, at the time its
/// <see cref="TimeProvider"/> gives. The checks run in the order of <see cref="VerificationCheck"/>: structure, PCK
/// chain, QE report signature, QE binding, QE identity, quote signature, then the policy on authenticated data,
/// report data, and last the nonce, consumed only when everything else passed. Expected failures are results,
/// never exceptions.
/// </summary>
public sealed class QuoteVerifier
{
    private readonly VerificationPolicy _policy;
    private readonly NonceRegistry _nonces;
    private readonly TimeProvider _time;

    /// <summary>A verifier for one policy; <paramref name="nonces"/> issued the nonces it will be asked about.</summary>
    /// <exception cref="ArgumentException">The policy allows every enclave (no measurement and no signer).</exception>
    public QuoteVerifier(VerificationPolicy policy, NonceRegistry nonces, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(nonces);
        ArgumentNullException.ThrowIfNull(time);
        policy.Validate();
        _policy = policy;
        _nonces = nonces;
        _time = time;
    }

    /// <summary>Runs every check on <paramref name="quote"/>; the result names the first that failed.</summary>
    public VerificationResult Verify(ReadOnlyMemory<byte> quote, ReportDataBinding expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        if (!Quote.TryParse(quote, out Quote? parsed, out QuoteParseError parseError))
        {
            return VerificationResult.Malformed(parseError);
        }

        VerificationResult? failure = CheckPlatformEvidence(parsed)
            ?? CheckQuoteSignature(parsed)
            ?? CheckPolicy(parsed.EnclaveReport, parsed.IsSimulated)
            ?? CheckReportData(parsed.EnclaveReport, expected)
            ?? CheckNonce(expected);
        return failure ?? VerificationResult.Valid(parsed.EnclaveReport.ToIdentity(), parsed.IsSimulated);
    }

    // PCK chain, QE report signature, QE binding and QE identity: the platform's word that the attestation key is a
    // quoting enclave's.
    private VerificationResult? CheckPlatformEvidence(Quote quote)
    {
        string simulatedHint = quote.IsSimulated ? " (the quote says it comes from the simulated platform)" : string.Empty;
        if (!PckChain.TryParse(quote.CertificationData, out PckChain? chain, out string detail))
        {
            return VerificationResult.Failed(VerificationCheck.CertificateChain, detail);
        }

        using (chain)
        {
            VerificationCheck chainCheck = PckChainValidator.Validate(chain, _policy.PinnedRoot, _time.GetUtcNow(), out detail);
            if (chainCheck != VerificationCheck.None)
            {
                return VerificationResult.Failed(chainCheck, detail + simulatedHint);
            }

            using ECDsa pckKey = chain.Leaf.GetECDsaPublicKey()!;
            if (!EcdsaP256.Verify(pckKey, quote.QeReport.Bytes, quote.QeReportSignature))
            {
                return VerificationResult.Failed(VerificationCheck.QeReportSignature, "the QE report is not signed by the PCK leaf's key");
            }
        }

        if (!QeReportBinding.Matches(quote.QeReport.ReportData, quote.AttestationKey, quote.QeAuthData))
        {
            return VerificationResult.Failed(
                VerificationCheck.QeReportDataBinding,
                "the QE report data is not SHA-256(attestation key || QE authentication data) followed by zeros");
        }

        return CheckQuotingEnclave(quote);
    }

    private VerificationResult? CheckQuotingEnclave(Quote quote)
    {
        ReportBody qe = quote.QeReport;
        QuotingEnclavePolicy expected = _policy.QuotingEnclave;
        string? problem = !quote.QeVendorId.SequenceEqual(QuoteLayout.IntelQeVendorId) ? "the QE vendor id is not Intel's"
            : qe.MrSigner != expected.MrSigner ? $"the QE MRSIGNER is {qe.MrSigner}, expected {expected.MrSigner}"
            : qe.IsvProdId != expected.ProductId ? $"the QE product id is {qe.IsvProdId}, expected {expected.ProductId}"
            : qe.IsvSvn < expected.MinimumSecurityVersion ? $"the QE security version {qe.IsvSvn} is below {expected.MinimumSecurityVersion}"
            : qe.IsDebug ? "the quoting enclave is a debug enclave"
            : null;
        return problem is null ? null : VerificationResult.Failed(VerificationCheck.QeIdentity, problem);
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

    private VerificationResult? CheckPolicy(ReportBody report, bool isSimulated)
    {
        if (isSimulated && !_policy.AllowSimulation)
        {
            return VerificationResult.Failed(VerificationCheck.Simulation, "the quote comes from the simulated platform, which this policy does not accept");
        }

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
