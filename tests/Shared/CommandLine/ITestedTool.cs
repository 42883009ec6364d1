namespace DarkPool.Tests.CommandLine;

/// <summary>A command-line tool as its tests run it: <see cref="ToolRun{TTool}"/> needs its entry point and its dll.</summary>
internal interface ITestedTool
{
    /// <summary>The command's name, which is also its built dll's (<c>darkpool-audit</c>: <c>darkpool-audit.dll</c>).</summary>
    static abstract string Name { get; }

    /// <summary>What the tool's Program.cs calls.</summary>
    static abstract Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr);
}
