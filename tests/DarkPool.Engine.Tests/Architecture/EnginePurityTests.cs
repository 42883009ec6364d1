using NetArchTest.Rules;

namespace DarkPool.Engine.Tests.Architecture;

/// <summary>The engine is pure: no I/O, no clock, no randomness, no crypto, no threads, and no other project.</summary>
public sealed class EnginePurityTests
{
    [Fact]
    public void Engine_ReferencesOnlyTheBaseLibrary()
    {
        string[] references = typeof(MatchingEngine).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();
        Assert.All(references, name => Assert.True(name.StartsWith("System", StringComparison.Ordinal), $"unexpected reference {name}"));
    }

    [Theory]
    [InlineData("System.IO")]
    [InlineData("System.Net")]
    [InlineData("System.Threading")]
    [InlineData("System.Security.Cryptography")]
    [InlineData("System.Random")]
    [InlineData("System.DateTime")]
    [InlineData("System.DateTimeOffset")]
    [InlineData("System.Diagnostics.Stopwatch")]
    [InlineData("System.Environment")]
    [InlineData("System.Guid")]
    [InlineData("System.TimeProvider")]
    public void Engine_HasNoDependencyOn(string forbidden)
    {
        TestResult result = Types.InAssembly(typeof(MatchingEngine).Assembly)
            .ShouldNot().HaveDependencyOn(forbidden)
            .GetResult();
        Assert.True(result.IsSuccessful, $"{forbidden} used by: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    /// <summary>The rule is not blind: it finds a dependency that is there.</summary>
    [Fact]
    public void Rule_DetectsAnExistingDependency()
    {
        TestResult result = Types.InAssembly(typeof(MatchingEngine).Assembly)
            .ShouldNot().HaveDependencyOn("System.Collections.Generic")
            .GetResult();
        Assert.False(result.IsSuccessful);
    }
}
