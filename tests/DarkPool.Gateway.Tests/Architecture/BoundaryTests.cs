extern alias sdk;

using NetArchTest.Rules;

namespace DarkPool.Gateway.Tests.Architecture;

/// <summary>The arrows that must never exist (docs/DESIGN.md §2): gateway to engine internals; clients to server internals.</summary>
public sealed class BoundaryTests
{
    [Fact]
    public void Gateway_HasNoDependencyOnTheEngine()
    {
        TestResult result = Types.InAssembly(typeof(GatewayExtensions).Assembly).ShouldNot().HaveDependencyOn("DarkPool.Engine").GetResult();

        Assert.True(result.IsSuccessful, $"DarkPool.Engine used by: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void ClientSdk_ReferencesOnlyThePublishedContracts()
    {
        string[] references = [.. typeof(sdk::DarkPool.Client.DarkPoolClient).Assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("DarkPool.", StringComparison.Ordinal))];

        Assert.Equal(["DarkPool.Attestation", "DarkPool.Protocol"], references.Order());
    }

    /// <summary>The rule is not blind: it finds a dependency that is there.</summary>
    [Fact]
    public void Rule_DetectsAnExistingDependency()
    {
        TestResult result = Types.InAssembly(typeof(GatewayExtensions).Assembly).ShouldNot().HaveDependencyOn("DarkPool.Host").GetResult();

        Assert.False(result.IsSuccessful);
    }
}
