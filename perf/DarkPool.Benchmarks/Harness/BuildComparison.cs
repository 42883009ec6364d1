using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;

namespace DarkPool.Benchmarks.Harness;

/// <summary>
/// <c>-- ab --rounds R [--commands N] DIR_A DIR_B [...]</c>: the fast book of several builds of this project (each
/// build's Release output folder, <c>perf/DarkPool.Benchmarks/bin/Release/net10.0</c> copied aside), each loaded into its
/// own <see cref="AssemblyLoadContext"/> in this one process, on exchange-core's workload: three warm-up passes each,
/// then R rounds of one pass per build, in alternating order. Reports each build's median thread-CPU rate and its ratio
/// to the first build, per round, with quartiles.
/// </summary>
/// <remarks>
/// Why: on this shared VM the machine's speed moves by tens of percent over tens of seconds, so two builds timed one
/// after the other differ by more than most changes do; passes interleaved in one process meet the same machine. A
/// build against a copy of itself gave 1.006 (quartiles 0.977–1.032) over 41 rounds. Instruction counts under valgrind
/// are no substitute: there the JIT compiles the engine with MinOpts (docs/PERFORMANCE.md). Every pass's state hash
/// must be the same in every build, or the comparison stops: builds that compute different things are not compared.
/// Each build is reached by reflection through <c>Throughput.Run(ExchangeCoreWorkload, BookKind)</c> and
/// <c>ExchangeCoreWorkload.Generate(options)</c>, present in every build since the harness was written.
/// </remarks>
public static class BuildComparison
{
    public static int Run(ReadOnlySpan<string> args, TextWriter output, TextWriter error)
    {
        int rounds = 0;
        int commands = 3_000_000;
        var folders = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] is "--rounds" or "--commands")
            {
                if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < 1)
                {
                    error.WriteLine($"ab: {args[i]} takes a positive whole number.");
                    return 2;
                }

                if (args[i] == "--rounds")
                {
                    rounds = value;
                }
                else
                {
                    commands = value;
                }

                i++;
            }
            else
            {
                folders.Add(args[i]);
            }
        }

        if (rounds < 1 || folders.Count < 2)
        {
            error.WriteLine("usage: ab --rounds R [--commands N] DIR_A DIR_B [...]   (each DIR a Release output folder of DarkPool.Benchmarks)");
            return 2;
        }

        string? missing = folders.FirstOrDefault(f => !File.Exists(Path.Combine(f, "DarkPool.Benchmarks.dll")));
        if (missing is not null)
        {
            error.WriteLine($"ab: no DarkPool.Benchmarks.dll in {missing}");
            return 2;
        }

        Func<(double Rate, long Hash)>[] passes = [.. folders.Select(f => LoadPass(f, commands))];
        for (int w = 0; w < 3; w++)
        {
            foreach (Func<(double Rate, long Hash)> pass in passes)
            {
                _ = pass();
            }
        }

        var rates = folders.Select(_ => new List<double>()).ToArray();
        var ratios = folders.Select(_ => new List<double>()).ToArray();
        var got = new (double Rate, long Hash)[folders.Count];
        for (int round = 0; round < rounds; round++)
        {
            IEnumerable<int> order = round % 2 == 0 ? Enumerable.Range(0, folders.Count) : Enumerable.Range(0, folders.Count).Reverse();
            foreach (int b in order)
            {
                got[b] = passes[b]();
            }

            if (got.Any(g => g.Hash != got[0].Hash))
            {
                error.WriteLine($"ab: the builds end in different states (round {round + 1}: {string.Join(", ", got.Select(g => g.Hash.ToString("X16", CultureInfo.InvariantCulture)))}); not compared.");
                return 1;
            }

            for (int b = 0; b < folders.Count; b++)
            {
                rates[b].Add(got[b].Rate);
                ratios[b].Add(got[b].Rate / got[0].Rate);
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1}: {string.Join("  ", got.Select(g => $"{g.Rate / 1e6:F2}"))} M/s"));
        }

        for (int b = 0; b < folders.Count; b++)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{folders[b]}: median {Quantile(rates[b], 0.5) / 1e6:F2} M commands/s on thread CPU time; to the first: median {Quantile(ratios[b], 0.5):F3} (quartiles {Quantile(ratios[b], 0.25):F3}-{Quantile(ratios[b], 0.75):F3})"));
        }

        return 0;
    }

    /// <summary>One fast-book pass of the build in <paramref name="folder"/>, on its own generation of the workload.</summary>
    private static Func<(double Rate, long Hash)> LoadPass(string folder, int commands)
    {
        string main = Path.GetFullPath(Path.Combine(folder, "DarkPool.Benchmarks.dll"));
        var context = new BuildContext(main);
        Assembly benchmarks = context.LoadFromAssemblyPath(main);
        Assembly testing = context.LoadFromAssemblyName(new AssemblyName("DarkPool.Testing"));
        Assembly engine = context.LoadFromAssemblyName(new AssemblyName("DarkPool.Engine"));

        Type optionsType = testing.GetType("DarkPool.Testing.Workload.ExchangeCoreWorkloadOptions", throwOnError: true)!;
        object options = Activator.CreateInstance(optionsType)!;
        optionsType.GetProperty("Commands")!.SetValue(options, commands);
        optionsType.GetProperty("Seed")!.SetValue(options, 1UL);
        object workload = testing.GetType("DarkPool.Testing.ExchangeCoreWorkload", throwOnError: true)!
            .GetMethod("Generate", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, [options])!;
        MethodInfo run = benchmarks.GetType("DarkPool.Benchmarks.Harness.Throughput", throwOnError: true)!
            .GetMethod("Run", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!;
        object fast = Enum.Parse(engine.GetType("DarkPool.Engine.BookKind", throwOnError: true)!, "Fast");
        return () =>
        {
            object result = run.Invoke(null, [workload, fast])!;
            Type type = result.GetType();
            return ((double)type.GetProperty("CpuCommandsPerSecond")!.GetValue(result)!, (long)type.GetProperty("StateHash")!.GetValue(result)!);
        };
    }

    /// <summary>
    /// A build's own copies of every assembly its folder holds (engine, testing, benchmarks); only the framework comes
    /// from the default context. Resolving through the default context first would hand every build this process's own
    /// engine, and the comparison would time one build against itself.
    /// </summary>
    private sealed class BuildContext(string main) : AssemblyLoadContext(main, isCollectible: false)
    {
        private readonly AssemblyDependencyResolver _resolver = new(main);

        protected override Assembly? Load(AssemblyName assemblyName) =>
            _resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;
    }

    private static double Quantile(List<double> values, double q)
    {
        double[] sorted = [.. values.Order()];
        return sorted[(int)Math.Round(q * (sorted.Length - 1))];
    }
}
