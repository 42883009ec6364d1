using DarkPool.Attestation.Measurement;

// Usage: DarkPool.Measure <build-output-folder> [entry-assembly]
// Prints one line per measured assembly (digest, length, name), the framework references left out, what the value is
// the measurement of (the simulated platform's loader: the enclave's assemblies only), and last "measurement: <hex>".
// Exit code 0 when measured, 1 when the folder cannot be measured, 2 on bad usage.
if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: DarkPool.Measure <build-output-folder> [entry-assembly, default DarkPool.Enclave.dll]");
    return 2;
}

string entry = args.Length == 2 ? args[1] : "DarkPool.Enclave.dll";
if (!MeasurementCalculator.TryMeasure(args[0], entry, out MeasurementReport? report, out MeasurementError error))
{
    Console.Error.WriteLine($"cannot measure: {error.Kind}: {error.Detail}");
    return 1;
}

foreach (MeasuredFile file in report.Files)
{
    Console.WriteLine($"{file.Digest}  {file.Length,10}  {file.FileName}");
}

Console.WriteLine($"framework (not measured): {string.Join(", ", report.FrameworkReferences)}");

// The value is only as strong as the platform that computes it: say which one, so no one reads it as a hardware MRENCLAVE.
Console.WriteLine("scheme: DarkPool.Measurement.v1, the MRENCLAVE the SIMULATED platform's loader (EnclaveLoader) computes and its quotes carry;");
Console.WriteLine("        it covers the enclave's assemblies only, not the .NET runtime or the host (a hardware backend measures its whole image)");
Console.WriteLine($"measurement: {report.Measurement}");
return 0;
