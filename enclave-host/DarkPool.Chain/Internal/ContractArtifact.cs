using System.Reflection;
using System.Text.Json;

namespace DarkPool.Chain.Internal;

/// <summary>
/// A compiled contract as committed in contracts/artifacts (embedded in this assembly): its ABI and
/// bytecode. A test recompiles contracts/src with the pinned solc and checks the two agree.
/// </summary>
internal sealed class ContractArtifact
{
    private ContractArtifact(string name, string abiJson, byte[] bytecode, IReadOnlyList<string> errorSignatures)
    {
        Name = name;
        AbiJson = abiJson;
        Bytecode = bytecode;
        ErrorSignatures = errorSignatures;
    }

    public static ContractArtifact Settlement { get; } = Load("DarkPoolSettlement");

    public static ContractArtifact TestToken { get; } = Load("TestToken");

    public string Name { get; }

    public string AbiJson { get; }

    public byte[] Bytecode { get; }

    /// <summary>Canonical signatures of the custom errors, e.g. <c>SequenceMismatch(uint64,uint64)</c>.</summary>
    public IReadOnlyList<string> ErrorSignatures { get; }

    private static ContractArtifact Load(string name)
    {
        string resource = $"DarkPool.Chain.Artifacts.{name}.json";
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The contract artifact {resource} is not embedded.");
        using JsonDocument document = JsonDocument.Parse(stream);
        JsonElement root = document.RootElement;
        JsonElement abi = root.GetProperty("abi");
        var errors = new List<string>();
        foreach (JsonElement entry in abi.EnumerateArray())
        {
            if (entry.GetProperty("type").GetString() == "error")
            {
                IEnumerable<string?> types = entry.GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("type").GetString());
                errors.Add($"{entry.GetProperty("name").GetString()}({string.Join(',', types)})");
            }
        }

        return new ContractArtifact(
            name, abi.GetRawText(), Hex.Decode(root.GetProperty("bytecode").GetString()!), errors);
    }
}
