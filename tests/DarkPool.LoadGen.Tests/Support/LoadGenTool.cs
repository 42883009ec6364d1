global using LoadGenRun = DarkPool.Tests.CommandLine.ToolRun<DarkPool.LoadGen.Tests.Support.LoadGenTool>;

using DarkPool.Tests.CommandLine;

namespace DarkPool.LoadGen.Tests.Support;

/// <summary>The load generator for the shared runner: <c>LoadGenRun</c> in these tests is <see cref="ToolRun{TTool}"/> of it.</summary>
internal sealed class LoadGenTool : ITestedTool
{
    public static string Name => "DarkPool.LoadGen";

    /// <summary>
    /// The generator's Program.cs is top-level statements writing to the process's console (and it sets process-wide
    /// runtime options), so it runs only as a process here (<see cref="ToolRun{TTool}.ProcessAsync(string[])"/>).
    /// </summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr) =>
        throw new NotSupportedException("The load generator is tested as a process only.");
}
