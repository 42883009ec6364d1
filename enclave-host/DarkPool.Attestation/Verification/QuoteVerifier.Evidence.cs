using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DarkPool.Attestation.Collateral;
using DarkPool.Attestation.Quotes;
using DarkPool.Attestation.Verification.Internal;

namespace DarkPool.Attestation.Verification;

/// <summary>The platform's evidence: PCK chain and collateral, QE report, QE identity, TCB level.</summary>
public sealed partial class QuoteVerifier
{
    // PCK chain (and with collateral: revocation, TCB Info, QE Identity), QE report signature, QE binding and QE
    // identity: the platform's word that the attestation key is a genuine quoting enclave's.
    private VerificationResult? CheckPlatformEvidence(Quote quote, CollateralEvaluation evaluation)
    {
        string simulatedHint = quote.IsSimulated ? " (the quote says it comes from the simulated platform)" : string.Empty;
        if (!PckChain.TryParse(quote.CertificationData, out PckChain? chain, out string detail))
        {
            return VerificationResult.Failed(VerificationCheck.CertificateChain, detail);
        }

        using (chain)
        {
            DateTimeOffset now = _time.GetUtcNow();
            VerificationCheck chainCheck = PckChainValidator.Validate(chain, _policy.PinnedRoot, now, out detail);
            if (chainCheck != VerificationCheck.None)
            {
                return VerificationResult.Failed(chainCheck, detail + simulatedHint);
            }

            if (evaluation.Collateral is { } collateral)
            {
                VerificationResult? failure = CollateralChecks.Check(collateral, chain, _policy.PinnedRoot, now, out SgxPckExtension? extension);
                if (failure is not null)
                {
                    return failure;
                }

                evaluation.PckExtension = extension;
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

        return CheckQuotingEnclave(quote, evaluation);
    }

    private VerificationResult? CheckQuotingEnclave(Quote quote, CollateralEvaluation evaluation)
    {
        ReportBody qe = quote.QeReport;
        if (evaluation.Collateral is { } collateral)
        {
            QeIdentity identity = collateral.QeIdentity;
            string? mismatch = QeIdentityMismatch(qe, identity);
            if (mismatch is not null)
            {
                return VerificationResult.Failed(VerificationCheck.QeIdentity, $"the QE report does not match the QE Identity: {mismatch}");
            }

            evaluation.QeLevel = TcbEvaluator.MatchQe(identity, qe.IsvSvn);
        }

        QuotingEnclavePolicy expected = _policy.QuotingEnclave;
        string? problem = !quote.QeVendorId.SequenceEqual(QuoteLayout.IntelQeVendorId) ? "the QE vendor id is not Intel's"
            : qe.MrSigner != expected.MrSigner ? $"the QE MRSIGNER is {qe.MrSigner}, expected {expected.MrSigner}"
            : qe.IsvProdId != expected.ProductId ? $"the QE product id is {qe.IsvProdId}, expected {expected.ProductId}"
            : qe.IsvSvn < expected.MinimumSecurityVersion ? $"the QE security version {qe.IsvSvn} is below {expected.MinimumSecurityVersion}"
            : qe.IsDebug ? "the quoting enclave is a debug enclave"
            : null;
        return problem is null ? null : VerificationResult.Failed(VerificationCheck.QeIdentity, problem);
    }

    // Intel's order and rule: the report's value under the mask must equal the identity's value as published.
    private static string? QeIdentityMismatch(ReportBody qe, QeIdentity identity)
    {
        if ((qe.MiscSelect & identity.MiscSelectMask) != identity.MiscSelect)
        {
            return $"MISCSELECT {qe.MiscSelect:X8} under mask {identity.MiscSelectMask:X8} is not {identity.MiscSelect:X8}";
        }

        ReadOnlySpan<byte> attributes = qe.Bytes.Slice(QuoteLayout.Report.AttributesFlagsOffset, QeIdentity.AttributesSize);
        ReadOnlySpan<byte> mask = identity.AttributesMask.Span;
        ReadOnlySpan<byte> wanted = identity.Attributes.Span;
        for (int i = 0; i < QeIdentity.AttributesSize; i++)
        {
            if ((attributes[i] & mask[i]) != wanted[i])
            {
                return $"ATTRIBUTES {Convert.ToHexString(attributes)} under mask {Convert.ToHexString(mask)} is not {Convert.ToHexString(wanted)}";
            }
        }

        return qe.MrSigner != identity.MrSigner ? $"MRSIGNER {qe.MrSigner} is not {identity.MrSigner}"
            : qe.IsvProdId != identity.IsvProdId ? $"ISVPRODID {qe.IsvProdId} is not {identity.IsvProdId}"
            : null;
    }

    private VerificationResult? CheckTcb(CollateralEvaluation evaluation)
    {
        if (evaluation.Collateral is not { } collateral || evaluation.PckExtension is not { } extension)
        {
            return null;
        }

        TcbLevel? platform = TcbEvaluator.MatchPlatform(collateral.TcbInfo, extension);
        if (platform is null)
        {
            return VerificationResult.Failed(
                VerificationCheck.TcbLevel,
                $"no TCB Info level is reached by the PCK certificate's TCB (components {Convert.ToHexString(extension.TcbComponents)}, PCESVN {extension.PceSvn})");
        }

        if (evaluation.QeLevel is not { } qe)
        {
            return VerificationResult.Failed(VerificationCheck.TcbLevel, "no QE Identity level is reached by the QE's ISVSVN");
        }

        TcbStatus status = TcbEvaluator.Converge(platform.Status, qe.Status);
        evaluation.Status = status;
        evaluation.AdvisoryIds = TcbEvaluator.Advisories(platform, qe);
        return status != TcbStatus.Revoked && _policy.AcceptedTcbStatuses.Contains(status)
            ? null
            : VerificationResult.Failed(
                VerificationCheck.TcbStatus,
                $"the TCB status is {status} (platform {platform.Status}, QE {qe.Status}), which this policy does not accept");
    }
}
