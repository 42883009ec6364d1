using System.Text.Json;
using DarkPool.Attestation.Measurement;

namespace DarkPool.Audit.Tests;

/// <summary>darkpool-audit measure: the value the server's quotes carry, computed from a build output folder.</summary>
public sealed class MeasureCommandTests
{
    // The enclave build EnclaveBuild.targets copies next to these tests: the one an in-process server measures at start.
    private static readonly string EnclaveFolder = Path.Combine(AppContext.BaseDirectory, "enclave");

    [Fact]
    public async Task Measure_EnclaveBuild_PrintsTheLibrarysMeasurementAsTheLastLine()
    {
        Assert.True(MeasurementCalculator.TryMeasure(EnclaveFolder, MeasurementText.DefaultEntryAssembly, out MeasurementReport? expected, out MeasurementError error), error.Detail);

        AuditRun run = await AuditRun.ProcessAsync("measure", EnclaveFolder);

        Assert.True(run.Code == 0, run.ToString());
        var lines = new StringWriter();
        MeasurementText.Write(expected, lines);
        Assert.Equal(lines.ToString(), run.Stdout);
        Assert.EndsWith($"measurement: {expected.Measurement}\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("SIMULATED", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Measure_Json_ListsEveryFileAndTheMeasurement()
    {
        Assert.True(MeasurementCalculator.TryMeasure(EnclaveFolder, MeasurementText.DefaultEntryAssembly, out MeasurementReport? expected, out _));

        AuditRun run = await AuditRun.InProcessAsync("measure", EnclaveFolder, "--format", "json");

        Assert.True(run.Code == 0, run.ToString());
        Assert.Equal(expected.Measurement.ToString(), run.Json().GetProperty("measurement").GetString());
        Assert.Equal(expected.Files.Select(f => f.FileName), run.Json().GetProperty("files").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Measure_JsonWithoutExpect_WritesExpectedAndMatchesAsNull()
    {
        AuditRun run = await AuditRun.InProcessAsync("measure", EnclaveFolder, "--format", "json");

        // darkpool-audit's documents keep every field, null when it does not apply (darkpool's leave them out).
        Assert.True(run.Code == 0, run.ToString());
        Assert.Equal(JsonValueKind.Null, run.Json().GetProperty("expected").ValueKind);
        Assert.Equal(JsonValueKind.Null, run.Json().GetProperty("matches").ValueKind);
        Assert.True(run.Json().GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task Measure_ExpectTheSameValue_ExitsZero()
    {
        Assert.True(MeasurementCalculator.TryMeasure(EnclaveFolder, MeasurementText.DefaultEntryAssembly, out MeasurementReport? expected, out _));

        AuditRun run = await AuditRun.InProcessAsync("measure", EnclaveFolder, "--expect", expected.Measurement.ToString(), "--format", "json");

        Assert.True(run.Code == 0, run.ToString());
        Assert.True(run.Json().GetProperty("matches").GetBoolean());
    }

    [Fact]
    public async Task Measure_ExpectAnotherValue_ExitsOneSayingItDiffers()
    {
        string other = new('c', 64);

        AuditRun run = await AuditRun.ProcessAsync("measure", EnclaveFolder, "--expect", other);

        Assert.True(run.Code == 1, run.ToString());
        Assert.Contains("DIFFERS", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"is not the expected {other}", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Measure_MissingFolder_ExitsOneWithTheReason()
    {
        string missing = Path.Combine(Path.GetTempPath(), $"dp-audit-missing-{Guid.NewGuid():N}");

        AuditRun run = await AuditRun.ProcessAsync("measure", missing, "--format", "json");

        Assert.True(run.Code == 1, run.ToString());
        Assert.StartsWith("darkpool-audit: cannot measure: NotFound: ", run.Stderr, StringComparison.Ordinal);
        Assert.False(run.Json().GetProperty("ok").GetBoolean());
        run.AssertNoStackTrace();
    }
}
