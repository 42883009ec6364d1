using DarkPool.Chain.Internal;

namespace DarkPool.Chain.Evm.Internal;

/// <summary>
/// Maps revert data to <see cref="ChainError"/> by the 4-byte selector of each custom error in the
/// committed ABIs; the enum names are the Solidity error names (a test keeps them in step).
/// </summary>
internal static class RevertDecoder
{
    private static readonly Dictionary<uint, ChainError> Errors = Build();

    public static ChainError Decode(ReadOnlySpan<byte> revertData) =>
        revertData.Length >= 4 && Errors.TryGetValue(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(revertData), out ChainError error)
            ? error
            : ChainError.Unknown;

    private static Dictionary<uint, ChainError> Build()
    {
        var map = new Dictionary<uint, ChainError>();
        foreach (string signature in ContractArtifact.Settlement.ErrorSignatures.Concat(ContractArtifact.TestToken.ErrorSignatures))
        {
            string name = signature[..signature.IndexOf('(', StringComparison.Ordinal)];
            if (Enum.TryParse(name, out ChainError error))
            {
                map[System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(Abi.Selector(signature))] = error;
            }
        }

        return map;
    }
}
