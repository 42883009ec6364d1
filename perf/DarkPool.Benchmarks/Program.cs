using BenchmarkDotNet.Running;
using DarkPool.Benchmarks.Harness;

namespace DarkPool.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project perf/DarkPool.Benchmarks -- [BenchmarkDotNet arguments]</c> runs the
/// micro-benchmarks (every class in this assembly, ring buffer included);
/// <c>-- harness [options]</c> runs the exchange-core workload harness (see <see cref="HarnessOptions"/>);
/// <c>-- pipeline [options]</c> runs the enclave pipeline harness (see <see cref="Pipeline.PipelineHarness"/>);
/// <c>-- ab --rounds R DIR_A DIR_B [...]</c> compares the fast book of several builds in one process (see
/// <see cref="BuildComparison"/>).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "harness")
        {
            return WorkloadHarness.Run(HarnessOptions.Parse(args.AsSpan(1)), Console.Out);
        }

        if (args.Length > 0 && args[0] == "pipeline")
        {
            return Pipeline.PipelineHarness.Run(args.AsSpan(1), Console.Out);
        }

        if (args.Length > 0 && args[0] == "ab")
        {
            return BuildComparison.Run(args.AsSpan(1), Console.Out, Console.Error);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, new BenchmarkConfig());
        return 0;
    }
}
