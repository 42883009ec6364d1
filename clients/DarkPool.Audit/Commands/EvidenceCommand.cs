using System.CommandLine;
using System.Security.Cryptography;
using DarkPool.Attestation.Binding;
using DarkPool.Attestation.Collateral;
using DarkPool.Attestation.Quotes;
using DarkPool.Audit.Internal;
using DarkPool.CommandLine;
using Spectre.Console;

namespace DarkPool.Audit.Commands;

/// <summary>
/// <c>evidence (--server URL | --data-folder PATH) [--nonce HEX] --out DIR</c>: writes <c>quote.bin</c>,
/// <c>root.der</c> and <c>collateral.json</c> (<see cref="Evidence"/>, docs/ATTESTATION.md §7), for this tool's
/// <c>verify-quote</c> or any DCAP verifier. Nothing is verified here; the nonce and the enclave's keys are printed so
/// that REPORTDATA can be checked.
/// </summary>
internal sealed class EvidenceCommand : IAuditCommand
{
    public Command Build(CommandLineTool tool)
    {
        Option<Uri?> server = ServerOptions.Server("the server to ask for evidence, e.g. http://127.0.0.1:50051");
        var dataFolder = new Option<string?>("--data-folder")
        {
            Description = "instead of a server: a stopped server's data folder; the enclave is started on it as the server starts it",
        };
        var nonce = new Option<byte[]?>("--nonce")
        {
            Description = "the 32-byte nonce REPORTDATA binds, 64 hex digits (default: a fresh random one, printed)",
            CustomParser = HexOptions.ParseNonce,
        };
        var output = new Option<string>("--out") { Description = "the folder to write quote.bin, root.der and collateral.json into (created if needed)", Required = true };
        var command = new Command("evidence", "Export a quote, its root certificate and its collateral (quote.bin, root.der, collateral.json).")
        {
            server, dataFolder, nonce, output,
        };
        command.Validators.Add(result =>
        {
            bool fromServer = result.GetResult(server) is not null;
            bool fromFolder = result.GetResult(dataFolder) is not null;
            if (fromServer == fromFolder)
            {
                result.AddError("Give exactly one of --server and --data-folder.");
            }
        });
        tool.SetAction(command, async (parse, console, cancellationToken) =>
        {
            byte[] chosen = parse.ValueIfGiven(nonce) ?? RandomNumberGenerator.GetBytes(ReportDataBinding.NonceSize);
            FetchedEvidence evidence = parse.GetValue(server) is { } url
                ? await EvidenceSources.FromServerAsync(url, chosen, cancellationToken).ConfigureAwait(false)
                : EvidenceSources.FromDataFolder(parse.GetValue(dataFolder)!, chosen);
            return Write(evidence, parse.GetValue(output)!, console);
        });
        return command;
    }

    private static int Write(FetchedEvidence evidence, string folder, ToolOutput output)
    {
        if (!QuoteCollateral.TryParse(evidence.CollateralJson, out QuoteCollateral? collateral, out CollateralParseError error))
        {
            throw CommandLineException.Failure($"the collateral from {evidence.Source} does not parse ({error}); nothing written");
        }

        AuditFiles.LoadCertificate(evidence.RootCertificate, $"root certificate from {evidence.Source}").Dispose();
        string target = Path.GetFullPath(folder);
        try
        {
            new Evidence(evidence.Quote, evidence.RootCertificate, collateral).WriteTo(target);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CommandLineException.Failure($"cannot write the evidence into {target}: {e.Message}");
        }

        Quote.TryParse(evidence.Quote, out Quote? quote, out _);
        ReportBody? report = quote?.EnclaveReport;
        string? reportData = evidence.KeyAgreementPublicKey.Length is > 0 and <= ReportDataBinding.MaxKeySize
            && evidence.SettlementPublicKey.Length is > 0 and <= ReportDataBinding.MaxKeySize
                ? Convert.ToHexStringLower(new ReportDataBinding(evidence.KeyAgreementPublicKey, evidence.SettlementPublicKey, evidence.Nonce).ToReportData())
                : null;
        var document = new EvidenceDocument(
            true,
            evidence.Source,
            target,
            [Evidence.QuoteFileName, Evidence.RootCertificateFileName, Evidence.CollateralFileName],
            Convert.ToHexStringLower(evidence.Nonce),
            Convert.ToHexStringLower(evidence.KeyAgreementPublicKey),
            Convert.ToHexStringLower(evidence.SettlementPublicKey),
            reportData,
            report?.MrEnclave.ToString(),
            report?.MrSigner.ToString(),
            report?.IsvProdId,
            report?.IsvSvn,
            quote?.IsSimulated);
        if (output.IsJson)
        {
            output.Json(document);
            return AuditCli.ExitSuccess;
        }

        var table = new Table().HideHeaders().Border(TableBorder.None).AddColumn("field").AddColumn("value");
        Row(table, "source", document.Source);
        Row(table, "written", $"{Path.Combine(target, Evidence.QuoteFileName)}, {Evidence.RootCertificateFileName}, {Evidence.CollateralFileName}");
        Row(table, "nonce", document.Nonce);
        Row(table, "key-agreement key", document.KeyAgreementPublicKey);
        Row(table, "settlement key", document.SettlementPublicKey);
        Row(table, "expected REPORTDATA", document.ReportData ?? "(the keys are malformed)");
        Row(table, "MRENCLAVE (unverified)", document.Mrenclave ?? "(the quote does not parse)");
        Row(table, "MRSIGNER (unverified)", document.Mrsigner ?? "-");
        Row(table, "simulated", document.Simulated switch { true => "yes: the quote says it comes from the SIMULATED platform", false => "no", null => "-" });
        output.Console.Write(table);
        output.Line(string.Empty);
        output.Line("Nothing is verified yet. Next:");
        output.Line($"  darkpool-audit verify-quote --quote {Path.Combine(target, Evidence.QuoteFileName)} --root {Path.Combine(target, Evidence.RootCertificateFileName)} "
            + $"--collateral {Path.Combine(target, Evidence.CollateralFileName)} --policy policy.json --nonce {document.Nonce} "
            + $"--key-agreement-key {document.KeyAgreementPublicKey} --settlement-key {document.SettlementPublicKey}");
        return AuditCli.ExitSuccess;
    }

    private static void Row(Table table, string field, string value) => table.AddRow(new Text(field), new Text(value));

    private sealed record EvidenceDocument(
        bool Ok,
        string Source,
        string Out,
        IReadOnlyList<string> Files,
        string Nonce,
        string KeyAgreementPublicKey,
        string SettlementPublicKey,
        string? ReportData,
        string? Mrenclave,
        string? Mrsigner,
        ushort? IsvProdId,
        ushort? IsvSvn,
        bool? Simulated);
}
