using System.Text.Json;
using System.Text.Json.Serialization;

namespace DarkPool.Chain.Embedded.Internal;

internal sealed class Hash32Converter : JsonConverter<Hash32>
{
    public override Hash32 Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Hash32.Parse(reader.GetString() ?? throw new JsonException("A hash is a string."));

    public override void Write(Utf8JsonWriter writer, Hash32 value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
