using NetArchTest.Rules;

namespace DarkPool.Cli.Tests.Architecture;

/// <summary>Only the demo runs the server in-process: every trader command uses the published contracts (SDK, chain client).</summary>
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
}
