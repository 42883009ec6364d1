using System.CommandLine;
using System.Globalization;
using DarkPool.Attestation.Binding;
using DarkPool.Attestation.Quotes;
using DarkPool.Attestation.Verification;
using DarkPool.Audit.Internal;
using DarkPool.CommandLine;

namespace DarkPool.Audit.Commands;

/// <summary>
/// <c>verify-quote</c>: a quote file (<c>--quote --root --collateral</c>, with <c>--nonce</c> and the enclave's keys to
/// check REPORTDATA) or a live server (<c>--server</c>, a fresh nonce), verified by the published verifier
/// (<see cref="QuoteVerifier"/>, with collateral) against a policy file. Prints every check; exits 1 on any failure.
/// </summary>
internal sealed class VerifyQuoteCommand : IAuditCommand
{
    public Command Build(CommandLineTool tool)
    {
        var options = new VerifyQuoteOptions();
        var command = new Command("verify-quote", "Verify a quote file or a live server's quote against a policy file; print every check.");
        options.AddTo(command);
        tool.SetAction(command, async (parse, output, cancellationToken) =>
        {
            AuditPolicy policy = AuditPolicy.Load(parse.GetValue(options.Policy)!);
            VerificationInput input = parse.GetValue(options.Server) is { } server
                ? await FromServerAsync(server, parse.GetValue(options.Root), policy, cancellationToken).ConfigureAwait(false)
                : FromFiles(parse, options);
            return Verify(input, policy, output);
        });
        return command;
    }

    private static async Task<VerificationInput> FromServerAsync(Uri server, string? rootPath, AuditPolicy policy, CancellationToken cancellationToken)
    {
        QuoteCheck.RequirePinnedRoot(rootPath, policy);
        return await QuoteCheck.FromServerAsync(
            server, rootPath, $"malformed enclave keys (each must be 1 to {ReportDataBinding.MaxKeySize} bytes)", cancellationToken).ConfigureAwait(false);
    }

    private static VerificationInput FromFiles(ParseResult parse, VerifyQuoteOptions options)
    {
        string quotePath = parse.GetValue(options.Quote)!;
        string rootPath = parse.GetValue(options.Root)!;
        byte[] quote = AuditFiles.ReadBytes(quotePath, "quote");
        byte[] root = AuditFiles.ReadBytes(rootPath, "root certificate");
        string collateral = AuditFiles.ReadText(parse.GetValue(options.Collateral)!, "collateral");
        TimeProvider time = parse.GetValue(options.At) is { } at ? new FixedTimeProvider(at) : TimeProvider.System;
        byte[]? nonce = parse.ValueIfGiven(options.Nonce);
        ReportDataBinding? binding = nonce is null
            ? null
            : new ReportDataBinding(parse.ValueIfGiven(options.KeyAgreementKey)!, parse.ValueIfGiven(options.SettlementKey)!, nonce);
        return new VerificationInput(
            quotePath, quote, root, rootPath, collateral, binding, binding is null ? BindingMode.FileWithoutNonce : BindingMode.FileWithNonce,
            new NonceRegistry(time, QuoteCheck.NonceLifetime), time);
    }

    private static int Verify(VerificationInput input, AuditPolicy policy, ToolOutput output)
    {
        (VerificationResult result, CheckReport report, Quote? quote) = QuoteCheck.Run(input, policy);
        VerificationReport.Write(output, input, report, result, quote);
        if (!report.Ok)
        {
            output.Error.WriteLine($"darkpool-audit: check {report.FailedCheck} failed: {report.FailedDetail}");
            return AuditCli.ExitFailure;
        }

        return AuditCli.ExitSuccess;
    }

    /// <summary>The options of verify-quote and the rules between them (usage errors, exit 2).</summary>
    private sealed class VerifyQuoteOptions
    {
        public Option<string?> Quote { get; } = new("--quote") { Description = "the quote file (quote.bin)" };

        public Option<string?> Root { get; } = new("--root")
        {
            Description = "the root certificate to pin, DER or PEM (root.der; with --server, by default the server's own, only under a policy that allows simulation)",
        };

        public Option<string?> Collateral { get; } = new("--collateral") { Description = "the collateral (collateral.json)" };

        public Option<Uri?> Server { get; } = ServerOptions.Server("instead of files: verify a fresh quote from this server, with a nonce drawn now");

        public Option<string> Policy { get; } = new("--policy") { Description = "the policy file (docs/ATTESTATION.md §7)", Required = true };

        public Option<byte[]?> Nonce { get; } = new("--nonce")
        {
            Description = "with a quote file: the nonce the quote was made for (64 hex digits), to check REPORTDATA",
            CustomParser = HexOptions.ParseNonce,
        };

        public Option<byte[]?> KeyAgreementKey { get; } = new("--key-agreement-key") { Description = "with --nonce: the enclave's key-agreement public key, hex", CustomParser = HexOptions.ParseKey };

        public Option<byte[]?> SettlementKey { get; } = new("--settlement-key") { Description = "with --nonce: the enclave's settlement public key, hex", CustomParser = HexOptions.ParseKey };

        public Option<DateTimeOffset?> At { get; } = new("--at")
        {
            Description = "with a quote file: verify as of this time (ISO 8601, or Unix seconds) instead of now",
            CustomParser = result =>
            {
                string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
                if (text.Length > 0 && text.All(char.IsAsciiDigit) && long.TryParse(text, CultureInfo.InvariantCulture, out long seconds) && seconds <= 253_402_300_799)
                {
                    return DateTimeOffset.FromUnixTimeSeconds(seconds);
                }

                if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset time))
                {
                    return time;
                }

                result.AddError($"--at is a time (ISO 8601, e.g. 2030-06-01T12:00:00Z, or Unix seconds), got '{text}'.");
                return null;
            },
        };

        public void AddTo(Command command)
        {
            foreach (Option option in new Option[] { Quote, Root, Collateral, Server, Policy, Nonce, KeyAgreementKey, SettlementKey, At })
            {
                command.Options.Add(option);
            }

            command.Validators.Add(result =>
            {
                bool Given(Option option) => result.GetResult(option) is not null;
                bool fromServer = Given(Server);
                if (fromServer == Given(Quote))
                {
                    result.AddError("Give exactly one of --quote (a quote file) and --server (a live server).");
                }
                else if (fromServer && (Given(Collateral) || Given(Nonce) || Given(KeyAgreementKey) || Given(SettlementKey) || Given(At)))
                {
                    result.AddError("With --server, the collateral comes from the server and the nonce is drawn now: drop --collateral, --nonce, the keys and --at.");
                }
                else if (!fromServer && (!Given(Root) || !Given(Collateral)))
                {
                    result.AddError("A quote file needs --root and --collateral.");
                }

                bool nonce = Given(Nonce);
                if (nonce != Given(KeyAgreementKey) || nonce != Given(SettlementKey))
                {
                    result.AddError("--nonce, --key-agreement-key and --settlement-key go together: REPORTDATA binds all three.");
                }
            });
        }
    }
}
