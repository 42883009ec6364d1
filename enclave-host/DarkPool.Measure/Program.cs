using DarkPool.Attestation.Measurement;

// Usage: DarkPool.Measure <build-output-folder> [entry-assembly]
// Prints one line per measured assembly (digest, length, name), the framework references left out, what the value is
// the measurement of (the simulated platform's loader: the enclave's assemblies only), and last "measurement: <hex>"
// (MeasurementText, shared with `darkpool-audit measure`).
// Exit code 0 when measured, 1 when the folder cannot be measured, 2 on bad usage.
if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine($"usage: DarkPool.Measure <build-output-folder> [entry-assembly, default {MeasurementText.DefaultEntryAssembly}]");
    return 2;
}

string entry = args.Length == 2 ? args[1] : MeasurementText.DefaultEntryAssembly;
if (!MeasurementCalculator.TryMeasure(args[0], entry, out MeasurementReport? report, out MeasurementError error))
{
    Console.Error.WriteLine($"cannot measure: {error.Kind}: {error.Detail}");
    return 1;
}

MeasurementText.Write(report, Console.Out);
return 0;
