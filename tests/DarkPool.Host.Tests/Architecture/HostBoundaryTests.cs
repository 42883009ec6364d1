using DarkPool.Host.Storage;
using NetArchTest.Rules;

namespace DarkPool.Host.Tests.Architecture;

/// <summary>The host handles bytes only: it never uses the engine's types (docs/DESIGN.md section 2).</summary>
public sealed class HostBoundaryTests
{
    [Fact]
    public void Host_HasNoDependencyOnTheEngine()
    {
        TestResult result = Types.InAssembly(typeof(FileDataFolder).Assembly)
            .ShouldNot().HaveDependencyOn("DarkPool.Engine")
            .GetResult();

        Assert.True(result.IsSuccessful, $"DarkPool.Engine used by: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void Host_DoesNotReferenceTheEngineAssembly()
    {
        string[] references = typeof(FileDataFolder).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();

        Assert.DoesNotContain(references, name => name.StartsWith("DarkPool.Engine", StringComparison.Ordinal));
    }

    /// <summary>The rule is not blind: it finds a dependency that is there.</summary>
    [Fact]
    public void Rule_DetectsAnExistingDependency()
    {
        TestResult result = Types.InAssembly(typeof(FileDataFolder).Assembly)
            .ShouldNot().HaveDependencyOn("DarkPool.Enclave.Storage")
            .GetResult();

        Assert.False(result.IsSuccessful);
    }
}
