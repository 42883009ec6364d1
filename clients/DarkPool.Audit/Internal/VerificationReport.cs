using DarkPool.Attestation.Quotes;
using DarkPool.Attestation.Verification;
using DarkPool.CommandLine;
using Spectre.Console;

namespace DarkPool.Audit.Internal;

/// <summary>verify-quote's output: the table of every check, what the quote says, and the verdict; or the same as JSON.</summary>
internal static class VerificationReport
{
    public static void Write(ToolOutput output, VerificationInput input, CheckReport report, VerificationResult result, Quote? quote)
    {
        ReportBody? body = quote?.EnclaveReport;
        var document = new VerifyDocument(
            report.Ok,
            input.Source,
            input.RootSource,
            input.Time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            report.Ok ? null : report.FailedCheck.ToString(),
            report.Ok ? null : report.FailedDetail,
            [.. report.Lines.Select(l => new CheckDocument(l.Number, l.Check.ToString(), Name(l.Result), l.Detail))],
            body is { } b
                ? new QuoteDocument(
                    b.MrEnclave.ToString(), b.MrSigner.ToString(), b.IsvProdId, b.IsvSvn, b.IsDebug, quote!.IsSimulated,
                    Convert.ToHexStringLower(b.ReportData))
                : null,
            result.TcbStatus?.ToString(),
            result.AdvisoryIds,
            input.Binding is { } binding ? Convert.ToHexStringLower(binding.Nonce) : null);
        if (output.IsJson)
        {
            output.Json(document);
            return;
        }

        var table = new Table().Border(TableBorder.Simple).AddColumn("#").AddColumn("check").AddColumn("result").AddColumn("detail");
        foreach (CheckLine line in report.Lines)
        {
            string mark = line.Result switch
            {
                CheckOutcome.Passed => "[green]pass[/]",
                CheckOutcome.Failed => "[red bold]FAIL[/]",
                CheckOutcome.Skipped => "[yellow]skipped[/]",
                _ => "[grey]not run[/]",
            };
            table.AddRow(new Text(line.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)), new Text(line.Check.ToString()), new Markup(mark), new Text(line.Detail));
        }

        output.Console.Write(table);
        var facts = new Table().HideHeaders().Border(TableBorder.None).AddColumn("field").AddColumn("value");
        Fact(facts, "source", document.Source);
        Fact(facts, "pinned root", document.PinnedRoot);
        Fact(facts, "verified at", document.VerifiedAt);
        if (document.Quote is { } q)
        {
            string unverified = report.Ok ? string.Empty : " (as the quote states it; not verified)";
            Fact(facts, "MRENCLAVE", q.Mrenclave + unverified);
            Fact(facts, "MRSIGNER", q.Mrsigner + unverified);
            Fact(facts, "ISVPRODID / ISVSVN", $"{q.IsvProdId} / {q.IsvSvn}");
            Fact(facts, "REPORTDATA", q.ReportData);
            Fact(facts, "simulated", q.Simulated ? "yes: SIMULATED platform, no hardware isolation" : "no");
        }

        if (document.TcbStatus is { } tcb)
        {
            Fact(facts, "TCB status", document.AdvisoryIds.Count == 0 ? tcb : $"{tcb} (advisories {string.Join(", ", document.AdvisoryIds)})");
        }

        if (document.Nonce is { } nonce)
        {
            Fact(facts, "nonce", nonce);
        }

        output.Console.Write(facts);
        output.Line(report.Ok
            ? "PASS: every check passed" + (report.Lines.Any(l => l.Result == CheckOutcome.Skipped) ? " (skipped ones say why)" : string.Empty)
            : $"FAIL: {report.FailedCheck}: {report.FailedDetail}");
    }

    private static string Name(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Passed => "passed",
        CheckOutcome.Failed => "failed",
        CheckOutcome.Skipped => "skipped",
        _ => "not_run",
    };

    private static void Fact(Table table, string field, string value) => table.AddRow(new Text(field), new Text(value));

    private sealed record VerifyDocument(
        bool Ok,
        string Source,
        string PinnedRoot,
        string VerifiedAt,
        string? FailedCheck,
        string? Detail,
        IReadOnlyList<CheckDocument> Checks,
        QuoteDocument? Quote,
        string? TcbStatus,
        IReadOnlyList<string> AdvisoryIds,
        string? Nonce);

    private sealed record CheckDocument(int Number, string Check, string Result, string Detail);

    private sealed record QuoteDocument(string Mrenclave, string Mrsigner, ushort IsvProdId, ushort IsvSvn, bool Debug, bool Simulated, string ReportData);
}
