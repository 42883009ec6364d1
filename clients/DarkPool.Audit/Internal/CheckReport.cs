using DarkPool.Attestation.Quotes;
using DarkPool.Attestation.Verification;

namespace DarkPool.Audit.Internal;

/// <summary>
/// Every check of the verifier (<see cref="VerificationCheck"/>, in its order) with what became of it in one run. The
/// verifier stops at the first failure, so the checks before it passed and those after it did not run. Two kinds of run
/// cannot check everything, and say so rather than fail: a quote file without its nonce (REPORTDATA and the nonce are
/// skipped; the verifier, given no binding, stops at ReportData after every earlier check passed) and a quote file with
/// its nonce (the nonce was not drawn in this run, so its freshness is skipped; the verifier stops at NonceUnknown after
/// ReportData passed).
/// </summary>
internal sealed class CheckReport
{
    private const string FileNonceSkipped = "a quote file: the nonce was chosen before this run, so its freshness is yours to judge";

    private CheckReport(IReadOnlyList<CheckLine> lines, VerificationCheck failed, string detail)
    {
        Lines = lines;
        FailedCheck = failed;
        FailedDetail = detail;
    }

    public IReadOnlyList<CheckLine> Lines { get; }

    /// <summary>The check that failed, or <see cref="VerificationCheck.None"/>.</summary>
    public VerificationCheck FailedCheck { get; }

    public string FailedDetail { get; }

    public bool Ok => FailedCheck == VerificationCheck.None;

    /// <summary>
    /// The report of <paramref name="result"/>; <paramref name="collateralError"/> replaces the detail of a Collateral
    /// failure when the collateral did not parse; <paramref name="quote"/> is the parsed quote, when it parses.
    /// </summary>
    public static CheckReport Build(VerificationResult result, string? collateralError, BindingMode mode, AuditPolicy policy, Quote? quote)
    {
        VerificationCheck failed = result.FailedCheck;
        string detail = failed == VerificationCheck.Collateral && collateralError is not null ? collateralError : result.Detail;
        var skipped = new Dictionary<VerificationCheck, string>();
        VerificationCheck[] nonceChecks = [VerificationCheck.NonceUnknown, VerificationCheck.NonceReplayed, VerificationCheck.NonceExpired];
        if (mode == BindingMode.FileWithoutNonce)
        {
            failed = failed == VerificationCheck.ReportData ? VerificationCheck.None : failed;
            skipped[VerificationCheck.ReportData] = "not checked: give --nonce, --key-agreement-key and --settlement-key to check it";
            foreach (VerificationCheck check in nonceChecks)
            {
                skipped[check] = FileNonceSkipped;
            }
        }
        else if (mode == BindingMode.FileWithNonce)
        {
            failed = failed == VerificationCheck.NonceUnknown ? VerificationCheck.None : failed;
            foreach (VerificationCheck check in nonceChecks)
            {
                skipped[check] = FileNonceSkipped;
            }
        }

        if (policy.Measurements.Count == 0)
        {
            skipped[VerificationCheck.Measurement] = "the policy lists no MRENCLAVE (the signer decides)";
        }

        if (policy.MrSigner is null)
        {
            skipped[VerificationCheck.Signer] = skipped[VerificationCheck.ProductId] = "the policy names no MRSIGNER";
            if (policy.MinimumSecurityVersion == 0)
            {
                skipped[VerificationCheck.SecurityVersion] = "the policy sets no minimum ISVSVN";
            }
        }

        // The verifier checks a minimum ISVSVN only with a signer; the policy file may set one for listed measurements too.
        if (failed == VerificationCheck.None && policy.MrSigner is null && quote is not null
            && quote.EnclaveReport.IsvSvn < policy.MinimumSecurityVersion)
        {
            failed = VerificationCheck.SecurityVersion;
            detail = $"ISVSVN {quote.EnclaveReport.IsvSvn} is below the minimum {policy.MinimumSecurityVersion}";
            return new CheckReport(BuildLines(failed, detail, skipped, result, quote, lateFailure: true), failed, detail);
        }

        return new CheckReport(BuildLines(failed, detail, skipped, result, quote, lateFailure: false), failed, detail);
    }

    // lateFailure: the failure was found after the verifier's run, so every other check ran.
    private static List<CheckLine> BuildLines(
        VerificationCheck failed,
        string detail,
        Dictionary<VerificationCheck, string> skipped,
        VerificationResult result,
        Quote? quote,
        bool lateFailure)
    {
        var lines = new List<CheckLine>();
        int number = 0;
        foreach (VerificationCheck check in Enum.GetValues<VerificationCheck>())
        {
            if (check == VerificationCheck.None)
            {
                continue;
            }

            number++;
            bool ran = lateFailure || failed == VerificationCheck.None || check < failed;
            CheckLine line = check == failed ? new CheckLine(number, check, CheckOutcome.Failed, detail)
                : !ran ? new CheckLine(number, check, CheckOutcome.NotRun, string.Empty)
                : skipped.TryGetValue(check, out string? why) ? new CheckLine(number, check, CheckOutcome.Skipped, why)
                : new CheckLine(number, check, CheckOutcome.Passed, Confirmed(check, result, quote));
            lines.Add(line);
        }

        return lines;
    }

    // What a passed check confirmed, where one line says it.
    private static string Confirmed(VerificationCheck check, VerificationResult result, Quote? quote) => (check, quote) switch
    {
        (VerificationCheck.TcbStatus, _) when result.TcbStatus is { } status =>
            result.AdvisoryIds.Count == 0 ? $"{status}" : $"{status} (advisories {string.Join(", ", result.AdvisoryIds)})",
        (VerificationCheck.Simulation, { } q) => q.IsSimulated ? "SIMULATED platform, allowed by the policy" : "not the simulated platform",
        (VerificationCheck.Debug, { } q) => q.EnclaveReport.IsDebug ? "DEBUG enclave, allowed by the policy" : "not a debug enclave",
        (VerificationCheck.Measurement, { } q) => $"MRENCLAVE {q.EnclaveReport.MrEnclave} is allowed",
        (VerificationCheck.Signer, { } q) => $"MRSIGNER {q.EnclaveReport.MrSigner}",
        (VerificationCheck.ProductId, { } q) => $"ISVPRODID {q.EnclaveReport.IsvProdId}",
        (VerificationCheck.SecurityVersion, { } q) => $"ISVSVN {q.EnclaveReport.IsvSvn}",
        (VerificationCheck.ReportData, _) => "binds the enclave's keys and the nonce",
        (VerificationCheck.NonceUnknown, _) => "drawn by this run",
        _ => string.Empty,
    };
}
