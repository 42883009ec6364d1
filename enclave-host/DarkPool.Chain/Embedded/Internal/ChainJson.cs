using System.Text.Json.Serialization;

namespace DarkPool.Chain.Embedded.Internal;

/// <summary>Source-generated JSON for <see cref="ChainState"/>: addresses and hashes as hex, amounts as decimal strings.</summary>
[JsonSourceGenerationOptions(
    WriteIndented = false,
    Converters = [typeof(EthAddressConverter), typeof(Hash32Converter), typeof(BigIntegerConverter)])]
[JsonSerializable(typeof(ChainState))]
internal sealed partial class ChainJson : JsonSerializerContext
{
}
