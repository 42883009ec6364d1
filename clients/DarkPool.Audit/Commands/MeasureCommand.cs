using System.CommandLine;
using DarkPool.Attestation.Identity;
using DarkPool.Attestation.Measurement;
using DarkPool.Audit.Internal;
using DarkPool.CommandLine;

namespace DarkPool.Audit.Commands;

/// <summary>
/// <c>measure &lt;build-output-folder&gt; [--entry DarkPool.Enclave.dll] [--expect &lt;hex&gt;]</c>: the measurement
/// (MRENCLAVE) of an enclave build, computed as the simulated platform's loader computes it (docs/ATTESTATION.md §2), so
/// an auditor can compare it with a quote's and with a build of their own. Text output is DarkPool.Measure's, line for line.
/// </summary>
internal sealed class MeasureCommand : IAuditCommand
{
    public Command Build(CommandLineTool tool)
    {
        var folder = new Argument<string>("build-output-folder") { Description = "the enclave's build output, e.g. enclave-host/DarkPool.Enclave/bin/Release/net10.0" };
        var entry = new Option<string>("--entry")
        {
            Description = "the entry assembly whose reference closure is measured",
            DefaultValueFactory = _ => MeasurementText.DefaultEntryAssembly,
        };
        var expect = new Option<Sha256Hash?>("--expect")
        {
            Description = "the measurement you expect (64 hex digits, e.g. a quote's MRENCLAVE): exit 1 when it differs",
            CustomParser = HexOptions.ParseHash,
        };
        var command = new Command("measure", "Compute the measurement (MRENCLAVE) of an enclave build output folder.") { folder, entry, expect };
        tool.SetAction(command, (parse, output, _) => Task.FromResult(Run(parse.GetValue(folder)!, parse.GetValue(entry)!, parse.GetValue(expect), output)));
        return command;
    }

    private static int Run(string folder, string entry, Sha256Hash? expected, ToolOutput output)
    {
        if (!MeasurementCalculator.TryMeasure(folder, entry, out MeasurementReport? report, out MeasurementError error))
        {
            throw CommandLineException.Failure($"cannot measure: {error.Kind}: {error.Detail}");
        }

        bool? matches = expected is { } e ? e == report.Measurement : null;
        if (output.IsJson)
        {
            output.Json(new MeasureDocument(
                matches ?? true,
                Path.GetFullPath(folder),
                entry,
                report.Measurement.ToString(),
                [.. report.Files.Select(f => new MeasuredFileDocument(f.FileName, f.Length, f.Digest.ToString()))],
                report.FrameworkReferences,
                string.Join(" ", MeasurementText.SchemeLines.Select(l => l.Trim())),
                expected?.ToString(),
                matches));
        }
        else
        {
            var lines = new StringWriter();
            MeasurementText.Write(report, lines);
            output.Line(lines.ToString().TrimEnd('\n'));
            if (matches is { } m)
            {
                output.Line(m ? $"expected:    {expected} (matches)" : $"expected:    {expected} (DIFFERS)");
            }
        }

        if (matches == false)
        {
            output.Warn($"the measurement {report.Measurement} is not the expected {expected}");
            return AuditCli.ExitFailure;
        }

        return AuditCli.ExitSuccess;
    }

    private sealed record MeasureDocument(
        bool Ok,
        string Folder,
        string Entry,
        string Measurement,
        IReadOnlyList<MeasuredFileDocument> Files,
        IReadOnlyList<string> FrameworkReferences,
        string Scheme,
        string? Expected,
        bool? Matches);

    private sealed record MeasuredFileDocument(string Name, long Length, string Sha256);
}
