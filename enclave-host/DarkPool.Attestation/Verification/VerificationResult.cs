using DarkPool.Attestation.Collateral;
using DarkPool.Attestation.Identity;
using DarkPool.Attestation.Quotes;

namespace DarkPool.Attestation.Verification;

/// <summary>
/// The outcome of verifying a quote: either the attested identity, or the first check that failed; with collateral,
/// also the TCB status as Intel's verifier computes it.
/// </summary>
public sealed class VerificationResult
{
    private VerificationResult(
        VerificationCheck failedCheck,
        string detail,
        QuoteParseError parseError,
        EnclaveIdentity? identity,
        bool isSimulated,
        TcbStatus? tcbStatus,
        IReadOnlyList<string> advisoryIds)
    {
        FailedCheck = failedCheck;
        Detail = detail;
        ParseError = parseError;
        Identity = identity;
        IsSimulated = isSimulated;
        TcbStatus = tcbStatus;
        AdvisoryIds = advisoryIds;
    }

    /// <summary>True when every check passed.</summary>
    public bool IsValid => FailedCheck == VerificationCheck.None;

    /// <summary>The first check that failed, or <see cref="VerificationCheck.None"/>.</summary>
    public VerificationCheck FailedCheck { get; }

    /// <summary>A sentence for people saying what was wrong; empty on success.</summary>
    public string Detail { get; }

    /// <summary>The structural error when <see cref="FailedCheck"/> is <see cref="VerificationCheck.Format"/>.</summary>
    public QuoteParseError ParseError { get; }

    /// <summary>The attested enclave identity; only set when the quote is valid.</summary>
    public EnclaveIdentity? Identity { get; }

    /// <summary>
    /// True when a valid quote came from the simulated platform (the policy allowed it): its flag says so, and so do the
    /// pinned root or the quoting enclave when they are the simulated platform's.
    /// </summary>
    public bool IsSimulated { get; }

    /// <summary>
    /// The TCB status of the platform and its quoting enclave, combined as Intel's QVL does; set whenever the TCB was
    /// evaluated (collateral given and every check up to the quote signature passed), also when a later check failed.
    /// </summary>
    public TcbStatus? TcbStatus { get; }

    /// <summary>The Intel security advisories of the matched TCB levels (platform first, then QE), when evaluated.</summary>
    public IReadOnlyList<string> AdvisoryIds { get; }

    /// <inheritdoc />
    public override string ToString()
    {
        string tcb = TcbStatus is { } status ? $" (TCB {status})" : string.Empty;
        return IsValid ? $"valid{tcb}: {Identity}" : $"{FailedCheck}{tcb}: {Detail}";
    }

    internal static VerificationResult Valid(EnclaveIdentity identity, bool isSimulated) =>
        new(VerificationCheck.None, string.Empty, QuoteParseError.None, identity, isSimulated, null, []);

    internal static VerificationResult Failed(VerificationCheck check, string detail) =>
        new(check, detail, QuoteParseError.None, null, false, null, []);

    internal static VerificationResult Malformed(QuoteParseError error) =>
        new(VerificationCheck.Format, $"the quote is malformed: {error}", error, null, false, null, []);

    internal VerificationResult WithTcb(TcbStatus status, IReadOnlyList<string> advisoryIds) =>
        new(FailedCheck, Detail, ParseError, Identity, IsSimulated, status, advisoryIds);
}
