using DarkPool.Protocol.Client;
using NetArchTest.Rules;

namespace DarkPool.Protocol.Tests.Architecture;

/// <summary>The protocol is the published contract: the SDKs reference it, so it must reference no server side.</summary>
public sealed class DependencyTests
{
    [Fact]
    public void ProtocolAssembly_ReferencesOnlyTheFrameworkAndMessagePack()
    {
        string[] references = typeof(ClientSession).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();

        Assert.All(references, name => Assert.True(
            name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" || name.StartsWith("MessagePack", StringComparison.Ordinal),
            $"unexpected reference {name}"));
    }

    [Theory]
    [InlineData("DarkPool.Engine")]
    [InlineData("DarkPool.Disruptor")]
    [InlineData("DarkPool.Enclave")]
    [InlineData("DarkPool.Host")]
    [InlineData("DarkPool.Chain")]
    [InlineData("DarkPool.Attestation")]
    [InlineData("DarkPool.Gateway")]
    public void Protocol_HasNoDependencyOn(string forbidden)
    {
        TestResult result = Types.InAssembly(typeof(ClientSession).Assembly)
            .ShouldNot().HaveDependencyOn(forbidden)
            .GetResult();

        Assert.True(result.IsSuccessful, $"{forbidden} used by: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    /// <summary>The rule is not blind: it finds a dependency that is there.</summary>
    [Fact]
    public void Rule_DetectsAnExistingDependency()
    {
        TestResult result = Types.InAssembly(typeof(ClientSession).Assembly)
            .ShouldNot().HaveDependencyOn("MessagePack")
            .GetResult();

        Assert.False(result.IsSuccessful);
    }
}
