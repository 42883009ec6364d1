using DarkPool.Attestation.Identity;
using DarkPool.Attestation.Quotes;

namespace DarkPool.Attestation.Verification;

/// <summary>The outcome of verifying a quote: either the attested identity, or the first check that failed.</summary>
public sealed class VerificationResult
{
    private VerificationResult(VerificationCheck failedCheck, string detail, QuoteParseError parseError, EnclaveIdentity? identity, bool isSimulated)
    {
        FailedCheck = failedCheck;
        Detail = detail;
        ParseError = parseError;
        Identity = identity;
        IsSimulated = isSimulated;
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

    /// <summary>True when a valid quote came from the simulated platform (the policy allowed it).</summary>
    public bool IsSimulated { get; }

    /// <inheritdoc />
    public override string ToString() => IsValid ? $"valid: {Identity}" : $"{FailedCheck}: {Detail}";

    internal static VerificationResult Valid(EnclaveIdentity identity, bool isSimulated) =>
        new(VerificationCheck.None, string.Empty, QuoteParseError.None, identity, isSimulated);

    internal static VerificationResult Failed(VerificationCheck check, string detail) =>
        new(check, detail, QuoteParseError.None, null, false);

    internal static VerificationResult Malformed(QuoteParseError error) =>
        new(VerificationCheck.Format, $"the quote is malformed: {error}", error, null, false);
}
