global using AuditRun = DarkPool.Tests.CommandLine.ToolRun<DarkPool.Audit.Tests.Support.AuditTool>;

using DarkPool.Tests.CommandLine;

namespace DarkPool.Audit.Tests.Support;

/// <summary>darkpool-audit for the shared runner: <c>AuditRun</c> in these tests is <see cref="ToolRun{TTool}"/> of it.</summary>
internal sealed class AuditTool : ITestedTool
{
    public static string Name => "darkpool-audit";

    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr) => AuditCli.RunAsync(args, stdout, stderr);
}
