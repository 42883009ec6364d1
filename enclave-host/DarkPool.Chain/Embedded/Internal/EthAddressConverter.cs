using System.Text.Json;
using System.Text.Json.Serialization;

namespace DarkPool.Chain.Embedded.Internal;

internal sealed class EthAddressConverter : JsonConverter<EthAddress>
{
    public override EthAddress Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        EthAddress.Parse(reader.GetString() ?? throw new JsonException("An address is a string."));

    public override void Write(Utf8JsonWriter writer, EthAddress value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());

    public override EthAddress ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Read(ref reader, typeToConvert, options);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, EthAddress value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value.ToString());
}
