using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DarkPool.Attestation.Identity;
using DarkPool.Attestation.Quotes;
using DarkPool.Attestation.Verification;
using DarkPool.Cli.Internal;
using DarkPool.Client;
using DarkPool.CommandLine;
using Grpc.Net.Client;
using Spectre.Console;

namespace DarkPool.Cli.Commands;

/// <summary>
/// <c>attest [--save-policy FILE]</c>: fetches the enclave's evidence with a fresh nonce, verifies it against the pinned
/// root and measurements exactly as every other command does before sending anything, and prints the enclave's identity
/// and every check. With no measurement pinned it prints the one it sees (to compare with your own build) and fails.
/// </summary>
internal sealed class AttestCommand : ICliCommand
{
    private static readonly VerificationCheck[] CollateralChecks =
    [
        VerificationCheck.Collateral, VerificationCheck.PckExtension, VerificationCheck.CollateralIssuerChain, VerificationCheck.RevocationList,
        VerificationCheck.RevocationListValidity, VerificationCheck.CertificateRevoked, VerificationCheck.TcbInfoSignature,
        VerificationCheck.TcbInfoValidity, VerificationCheck.TcbInfoMismatch, VerificationCheck.QeIdentitySignature,
        VerificationCheck.QeIdentityValidity, VerificationCheck.TcbLevel, VerificationCheck.TcbStatus,
    ];

    public Command Build(CliContext context)
    {
        var save = new Option<string?>("--save-policy") { Description = "after a successful verification, write the pinned policy to FILE (for --policy)" };
        var command = new Command("attest", "Fetch the enclave's attestation evidence, verify it against the pinned policy, print the measurement and every check.")
        {
            save,
        };
        context.SetAction(command, async (parse, output, cancellationToken) =>
        {
            TraderPolicy policy = context.ResolvePolicy(parse);
            using X509Certificate2 root = policy.LoadRoot();
            using GrpcChannel channel = context.Channel(parse);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(parse.GetValue(context.Timeout)));
            bool pinned = policy.Measurements.Count > 0;
            IReadOnlyList<Sha256Hash> measurements = policy.Measurements;
            if (!pinned)
            {
                // Nothing pinned: learn the measurement first, then run every check with it, and say it was not pinned.
                AttestationReport probe = await EnclaveAttestation.FetchAndVerifyAsync(
                    channel, policy.ToVerificationPolicy(root, [default]), cancellationToken: timeout.Token).ConfigureAwait(false);
                measurements = IdentityOf(probe) is { } seen ? [seen.MrEnclave] : [default];
            }

            AttestationReport report = await EnclaveAttestation.FetchAndVerifyAsync(
                channel, policy.ToVerificationPolicy(root, measurements), cancellationToken: timeout.Token).ConfigureAwait(false);
            List<CheckLine> checks = Checks(report, policy, pinned);
            bool ok = report.Result.IsValid && pinned;
            EnclaveIdentity? identity = IdentityOf(report);
            var document = new AttestDocument(
                ok, parse.GetValue(context.Server)!.ToString(), identity?.MrEnclave.ToString(), pinned, identity?.MrSigner.ToString(), identity?.ProductId,
                identity?.SecurityVersion, identity?.Debug, report.Result.IsSimulated, policy.RootPath, Convert.ToHexStringLower(SHA256.HashData(root.RawData)),
                [.. policy.Measurements.Select(m => m.ToString())], policy.AllowSimulation, report.Result.FailedCheck == VerificationCheck.None ? null : Names.Of(report.Result.FailedCheck),
                report.Result.FailedCheck == VerificationCheck.None ? null : report.Result.Detail, checks);
            if (ok && parse.GetValue(save) is { } file)
            {
                policy.Save(file);
            }

            Print(document, output, parse.GetValue(save));
            return ok ? DarkPoolCli.ExitSuccess : DarkPoolCli.ExitFailure;
        });
        return command;
    }

    private static List<CheckLine> Checks(AttestationReport report, TraderPolicy policy, bool pinned)
    {
        VerificationCheck failed = report.Result.FailedCheck;
        var lines = new List<CheckLine>();
        foreach (VerificationCheck check in Enum.GetValues<VerificationCheck>().Where(c => c != VerificationCheck.None))
        {
            string status = failed != VerificationCheck.None && check > failed ? "not_run" : check == failed ? "fail" : "pass";
            string detail = check == failed ? report.Result.Detail : "";
            if (status == "pass")
            {
                (status, detail) = check switch
                {
                    _ when CollateralChecks.Contains(check) && !report.HadCollateral => ("skipped", "the server sent no collateral"),
                    VerificationCheck.Signer or VerificationCheck.ProductId or VerificationCheck.SecurityVersion => ("skipped", "the policy pins measurements, not a signer"),
                    VerificationCheck.Measurement when !pinned => ("fail", $"NOT PINNED: the enclave's measurement is {IdentityOf(report)?.MrEnclave}; compare it with your own build, then pass --measurement"),
                    VerificationCheck.Simulation when report.Result.IsSimulated => ("pass", "SIMULATED enclave accepted by --allow-simulated (no hardware isolation: development only)"),
                    VerificationCheck.Simulation => ("pass", "not simulated"),
                    _ => (status, detail),
                };
            }
            else if (check == VerificationCheck.Simulation && status == "fail" && !policy.AllowSimulation)
            {
                detail += " (a development server: pass --allow-simulated to accept it)";
            }

            lines.Add(new CheckLine(Names.Of(check), status, detail));
        }

        return lines;
    }

    private static void Print(AttestDocument d, ToolOutput output, string? saved)
    {
        if (output.IsJson)
        {
            output.Json(d);
            return;
        }

        var identity = new Table().HideHeaders().Border(TableBorder.None).AddColumn("field").AddColumn("value");
        Row(identity, "server", d.Server);
        Row(identity, "measurement (MRENCLAVE)", d.Measurement is null ? "-" : d.Measurement + (d.MeasurementPinned ? " (pinned)" : " (NOT pinned)"));
        Row(identity, "signer (MRSIGNER)", d.Signer ?? "-");
        Row(identity, "product / security version", d.ProductId is null ? "-" : $"{d.ProductId} / {d.SecurityVersion}");
        Row(identity, "debug", d.Debug is null ? "-" : d.Debug.Value ? "yes" : "no");
        Row(identity, "platform", d.Simulated ? "SIMULATED (no hardware isolation; not for real funds)" : "hardware");
        Row(identity, "pinned root", $"{d.Root} (SHA-256 {d.RootSha256})");
        Row(identity, "allowed measurements", d.AllowedMeasurements.Count == 0 ? "(none)" : string.Join(", ", d.AllowedMeasurements));
        Row(identity, "simulation allowed", d.AllowSimulation ? "yes (--allow-simulated)" : "no");
        output.Console.Write(identity);
        var checks = new Table().Border(TableBorder.Simple).AddColumn("check").AddColumn("result").AddColumn("detail");
        foreach (CheckLine line in d.Checks)
        {
            checks.AddRow(new Text(line.Check), new Text(line.Status.ToUpperInvariant().Replace('_', ' ')), new Text(line.Detail));
        }

        output.Console.Write(checks);
        output.Line(d.Ok
            ? $"VERIFIED{(d.Simulated ? " (SIMULATED enclave)" : "")}: the enclave runs an allowed measurement and its keys are bound to this nonce."
            : $"NOT VERIFIED: {(d.FailedCheck is null ? "no measurement is pinned" : $"{d.FailedCheck}: {d.FailedDetail}")}");
        if (d.Ok && saved is not null)
        {
            output.Line($"policy written to {saved}; use it with --policy {saved}");
        }
    }

    /// <summary>The identity the verifier authenticated, or else what the quote claims (shown as such, never trusted).</summary>
    private static EnclaveIdentity? IdentityOf(AttestationReport report) =>
        report.Result.Identity ?? (Quote.TryParse(report.Quote, out Quote? quote, out _) ? quote.EnclaveReport.ToIdentity() : null);

    private static void Row(Table table, string field, string value) => table.AddRow(new Text(field), new Text(value));

    private sealed record CheckLine(string Check, string Status, string Detail);

    private sealed record AttestDocument(
        bool Ok,
        string Server,
        string? Measurement,
        bool MeasurementPinned,
        string? Signer,
        ushort? ProductId,
        ushort? SecurityVersion,
        bool? Debug,
        bool Simulated,
        string Root,
        string RootSha256,
        IReadOnlyList<string> AllowedMeasurements,
        bool AllowSimulation,
        string? FailedCheck,
        string? FailedDetail,
        IReadOnlyList<CheckLine> Checks);
}
