namespace DarkPool.Attestation.Measurement;

/// <summary>
/// The measurement printed for people, in one place for the two tools that print it (DarkPool.Measure and
/// <c>darkpool-audit measure</c>): one line per measured assembly, the framework references left out, what the value is
/// the measurement of, and last <c>measurement: &lt;hex&gt;</c>, the line scripts read.
/// </summary>
public static class MeasurementText
{
    /// <summary>The entry assembly of the enclave's build output, measured by default.</summary>
    public const string DefaultEntryAssembly = "DarkPool.Enclave.dll";

    /// <summary>
    /// What the value is: the simulated platform's loader measures the enclave's assemblies only. The value is only as
    /// strong as the platform that computes it, so no one should read it as a hardware MRENCLAVE.
    /// </summary>
    public static IReadOnlyList<string> SchemeLines { get; } =
    [
        "scheme: DarkPool.Measurement.v1, the MRENCLAVE the SIMULATED platform's loader (EnclaveLoader) computes and its quotes carry;",
        "        it covers the enclave's assemblies only, not the .NET runtime or the host (a hardware backend measures its whole image)",
    ];

    /// <summary>The line for one measured file: digest, length, name.</summary>
    public static string FileLine(MeasuredFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return $"{file.Digest}  {file.Length,10}  {file.FileName}";
    }

    /// <summary>Writes the whole report, ending with the <c>measurement:</c> line.</summary>
    public static void Write(MeasurementReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        foreach (MeasuredFile file in report.Files)
        {
            output.WriteLine(FileLine(file));
        }

        output.WriteLine($"framework (not measured): {string.Join(", ", report.FrameworkReferences)}");
        foreach (string line in SchemeLines)
        {
            output.WriteLine(line);
        }

        output.WriteLine($"measurement: {report.Measurement}");
    }
}
