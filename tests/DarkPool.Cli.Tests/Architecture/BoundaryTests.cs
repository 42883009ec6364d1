using NetArchTest.Rules;

namespace DarkPool.Cli.Tests.Architecture;

/// <summary>
/// Only the demo runs the server in-process: every trader command uses the published contracts (SDK, chain client). The
/// plumbing shared with darkpool-audit (DarkPool.CommandLine) depends on no DarkPool assembly.
/// </summary>
public sealed class BoundaryTests
{
    [Fact]
    public void TraderCommands_DoNotDependOnServerInternals()
    {
        TestResult result = Types.InAssembly(typeof(DarkPoolCli).Assembly)
            .That().DoNotResideInNamespace("DarkPool.Cli.Demo")
            .And().DoNotHaveName("DemoCommand")
            .ShouldNot().HaveDependencyOnAny("DarkPool.Server", "DarkPool.Host", "DarkPool.Enclave", "DarkPool.Gateway.Services", "DarkPool.Engine")
            .GetResult();

        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void SharedCommandLinePlumbing_ReferencesNoDarkPoolAssembly()
    {
        // What darkpool and darkpool-audit share stays plumbing: exchange knowledge belongs to the tools.
        string[] references = [.. typeof(DarkPool.CommandLine.CommandLineTool).Assembly.GetReferencedAssemblies().Select(a => a.Name!)];

        Assert.Contains("System.CommandLine", references);
        Assert.DoesNotContain(references, name => name.StartsWith("DarkPool.", StringComparison.Ordinal));
    }
}
