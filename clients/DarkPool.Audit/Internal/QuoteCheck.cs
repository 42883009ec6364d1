using System.Security.Cryptography.X509Certificates;
using DarkPool.Attestation.Binding;
using DarkPool.Attestation.Collateral;
using DarkPool.Attestation.Quotes;
using DarkPool.Attestation.Verification;
using DarkPool.CommandLine;

namespace DarkPool.Audit.Internal;

/// <summary>
/// One verification run, shared by verify-quote and register-key: a live server's evidence for a nonce drawn now
/// (<see cref="FromServerAsync"/>), and the published verifier run over it against a policy (<see cref="Run"/>).
/// </summary>
internal sealed record QuoteCheck(VerificationResult Result, CheckReport Report, Quote? Quote)
{
    /// <summary>How long a nonce drawn for one run stays fresh.</summary>
    public static readonly TimeSpan NonceLifetime = TimeSpan.FromMinutes(5);

    /// <summary>A usage error unless a root is pinned or the policy allows simulation (the server's own root proves nothing).</summary>
    public static void RequirePinnedRoot(string? rootPath, AuditPolicy policy)
    {
        if (rootPath is null && !policy.AllowSimulation)
        {
            throw CommandLineException.Usage("pin a root with --root (Intel's SGX root for hardware): this policy does not allow simulation, and a root the server hands over proves nothing");
        }
    }

    /// <summary>
    /// The server's evidence for a nonce drawn now, REPORTDATA bound to its keys; the root is <paramref name="rootPath"/>'s,
    /// or the server's own when none is pinned. Malformed enclave keys fail with <paramref name="malformedKeys"/>.
    /// </summary>
    public static async Task<VerificationInput> FromServerAsync(Uri server, string? rootPath, string malformedKeys, CancellationToken cancellationToken)
    {
        var nonces = new NonceRegistry(TimeProvider.System, NonceLifetime);
        byte[] nonce = nonces.Issue();
        FetchedEvidence evidence = await EvidenceSources.FromServerAsync(server, nonce, cancellationToken).ConfigureAwait(false);
        ReportDataBinding binding;
        try
        {
            binding = new ReportDataBinding(evidence.KeyAgreementPublicKey, evidence.SettlementPublicKey, nonce);
        }
        catch (ArgumentException)
        {
            throw CommandLineException.Failure($"the evidence from {server} carries {malformedKeys}");
        }

        byte[] root = rootPath is null ? evidence.RootCertificate : AuditFiles.ReadBytes(rootPath, "root certificate");
        string rootSource = rootPath ?? "the server's own root (trusted only because the policy allows simulation)";
        return new VerificationInput(evidence.Source, evidence.Quote, root, rootSource, evidence.CollateralJson, binding, BindingMode.Live, nonces, TimeProvider.System);
    }

    /// <summary>Runs the verifier over <paramref name="input"/> against <paramref name="policy"/>, with the collateral when it parses.</summary>
    public static QuoteCheck Run(VerificationInput input, AuditPolicy policy)
    {
        using X509Certificate2 root = AuditFiles.LoadCertificate(input.Root, "root certificate");
        var verifier = new QuoteVerifier(policy.ToVerificationPolicy(root), input.Nonces, input.Time);

        // Without a binding, REPORTDATA cannot be checked; any binding will do, since CheckReport reports that check as skipped.
        ReportDataBinding binding = input.Binding ?? new ReportDataBinding([0], [0], new byte[ReportDataBinding.NonceSize]);
        VerificationResult result;
        string? collateralError = null;
        if (QuoteCollateral.TryParse(input.CollateralJson, out QuoteCollateral? collateral, out CollateralParseError parseError))
        {
            result = verifier.Verify(input.Quote, binding, collateral);
        }
        else
        {
            // The policy requires collateral, so the verifier fails Collateral after Format: the parse error says why.
            collateralError = $"collateral.json does not parse: {parseError}";
            result = verifier.Verify(input.Quote, binding);
        }

        Quote.TryParse(input.Quote, out Quote? quote, out _);
        return new QuoteCheck(result, CheckReport.Build(result, collateralError, input.Mode, policy, quote), quote);
    }
}
