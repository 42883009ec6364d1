using DarkPool.Chain.Internal;
using DarkPool.Chain.Tests.Tools;

namespace DarkPool.Chain.Tests;

public sealed class ContractArtifactTests
{
    [Fact]
    public void Compile_PinnedSolc_ReproducesCommittedArtifacts()
    {
        string folder = NodeTools.EnsureInstalled();

        (int code, string output) = NodeTools.Run("node", "compile.js --check", folder, 120_000);

        Assert.True(code == 0, $"contracts/artifacts are stale: run `node compile.js` in {folder}.\n{output}");
    }

    [Fact]
    public void ChainError_EveryContractCustomError_HasTheSameName()
    {
        string[] names = [.. ContractArtifact.Settlement.ErrorSignatures.Concat(ContractArtifact.TestToken.ErrorSignatures)
            .Select(s => s[..s.IndexOf('(', StringComparison.Ordinal)])];
        string[] members = [.. Enum.GetNames<ChainError>().Where(n => n != nameof(ChainError.Unknown))];

        Assert.Equal(members.Order(StringComparer.Ordinal), names.Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Artifacts_Embedded_HaveBytecode()
    {
        Assert.NotEmpty(ContractArtifact.Settlement.Bytecode);
        Assert.NotEmpty(ContractArtifact.TestToken.Bytecode);
    }
}
