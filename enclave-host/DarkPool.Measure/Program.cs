using DarkPool.Attestation.Measurement;

// Usage: DarkPool.Measure <build-output-folder> [entry-assembly]
// Prints one line per measured assembly (digest, length, name), the framework references left out, and last
// "measurement: <hex>". Exit code 0 when measured, 1 when the folder cannot be measured, 2 on bad usage.
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
Console.WriteLine($"measurement: {report.Measurement}");
return 0;
