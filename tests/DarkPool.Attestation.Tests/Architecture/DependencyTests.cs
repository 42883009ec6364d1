using DarkPool.Attestation.Verification;

namespace DarkPool.Attestation.Tests.Architecture;

public sealed class DependencyTests
{
    [Fact]
    public void AttestationAssembly_ReferencesOnlyTheFramework()
    {
        string[] references = typeof(QuoteVerifier).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();

        Assert.All(references, name => Assert.True(name.StartsWith("System.", StringComparison.Ordinal) || name is "System" or "netstandard", name));
    }
}
