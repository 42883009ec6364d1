global using CliRun = DarkPool.Tests.CommandLine.ToolRun<DarkPool.Cli.Tests.Support.CliTool>;

using DarkPool.Tests.CommandLine;

namespace DarkPool.Cli.Tests.Support;

/// <summary>darkpool for the shared runner: <c>CliRun</c> in these tests is <see cref="ToolRun{TTool}"/> of it.</summary>
internal sealed class CliTool : ITestedTool
{
    public static string Name => "darkpool";

    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr) => DarkPoolCli.RunAsync(args, stdout, stderr);
}
