using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace DarkPool.Attestation.Collateral.Internal;

/// <summary>Writes and reads the <c>tcbInfo</c> object in the layout of Intel's PCS (API v4, TCB Info v3, SGX).</summary>
internal static class TcbInfoJson
{
    public static string Write(TcbInfo info)
    {
        if (info.Fmspc.Length != TcbInfo.FmspcSize || info.PceId.Length != TcbInfo.PceIdSize || info.Levels.Count == 0)
        {
            throw new InvalidOperationException("A TCB Info has a 6-byte FMSPC, a 2-byte PCE-ID and at least one level.");
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", info.Id);
            json.WriteNumber("version", info.Version);
            json.WriteString("issueDate", CollateralText.FormatDate(info.IssueDate));
            json.WriteString("nextUpdate", CollateralText.FormatDate(info.NextUpdate));
            json.WriteString("fmspc", Convert.ToHexString(info.Fmspc.Span));
            json.WriteString("pceId", Convert.ToHexString(info.PceId.Span));
            json.WriteNumber("tcbType", info.TcbType);
            json.WriteNumber("tcbEvaluationDataNumber", info.TcbEvaluationDataNumber);
            json.WriteStartArray("tcbLevels");
            foreach (TcbLevel level in info.Levels)
            {
                WriteLevel(json, level);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static bool TryRead(string json, [NotNullWhen(true)] out TcbInfo? info, out string error)
    {
        info = null;
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            info = Read(document.RootElement);
            error = string.Empty;
            return true;
        }
        catch (JsonException e)
        {
            error = $"the TCB Info is not JSON: {e.Message}";
        }
        catch (CollateralFormatException e)
        {
            error = $"the TCB Info is malformed: {e.Message}";
        }

        return false;
    }

    private static void WriteLevel(Utf8JsonWriter json, TcbLevel level)
    {
        json.WriteStartObject();
        json.WriteStartObject("tcb");
        json.WriteStartArray("sgxtcbcomponents");
        foreach (byte svn in level.SgxComponents)
        {
            json.WriteStartObject();
            json.WriteNumber("svn", svn);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteNumber("pcesvn", level.PceSvn);
        json.WriteEndObject();
        json.WriteString("tcbDate", CollateralText.FormatDate(level.TcbDate));
        json.WriteString("tcbStatus", TcbStatusNames.ToName(level.Status));
        if (level.AdvisoryIds.Count > 0)
        {
            json.WriteStartArray("advisoryIDs");
            foreach (string id in level.AdvisoryIds)
            {
                json.WriteStringValue(id);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static TcbInfo Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new CollateralFormatException("it is not a JSON object");
        }

        if (JsonFields.String(root, "id") != TcbInfo.SgxId)
        {
            throw new CollateralFormatException($"'id' is not {TcbInfo.SgxId}");
        }

        if (JsonFields.Integer(root, "version", 0, int.MaxValue) != TcbInfo.SupportedVersion)
        {
            throw new CollateralFormatException($"'version' is not {TcbInfo.SupportedVersion}");
        }

        var levels = new List<TcbLevel>();
        foreach (JsonElement level in JsonFields.Array(root, "tcbLevels"))
        {
            levels.Add(ReadLevel(level));
        }

        return levels.Count == 0
            ? throw new CollateralFormatException("'tcbLevels' is empty")
            : new TcbInfo
            {
                IssueDate = JsonFields.Date(root, "issueDate"),
                NextUpdate = JsonFields.Date(root, "nextUpdate"),
                Fmspc = JsonFields.Hex(root, "fmspc", TcbInfo.FmspcSize),
                PceId = JsonFields.Hex(root, "pceId", TcbInfo.PceIdSize),
                TcbType = (int)JsonFields.Integer(root, "tcbType", 0, 0),
                TcbEvaluationDataNumber = (uint)JsonFields.Integer(root, "tcbEvaluationDataNumber", 0, uint.MaxValue),
                Levels = levels,
            };
    }

    private static TcbLevel ReadLevel(JsonElement level)
    {
        if (level.ValueKind != JsonValueKind.Object)
        {
            throw new CollateralFormatException("a TCB level is not an object");
        }

        JsonElement tcb = JsonFields.Object(level, "tcb");
        Span<byte> components = stackalloc byte[TcbLevel.ComponentCount];
        int count = 0;
        foreach (JsonElement component in JsonFields.Array(tcb, "sgxtcbcomponents"))
        {
            if (count == TcbLevel.ComponentCount || component.ValueKind != JsonValueKind.Object)
            {
                throw new CollateralFormatException($"'sgxtcbcomponents' is not {TcbLevel.ComponentCount} objects");
            }

            components[count++] = (byte)JsonFields.Integer(component, "svn", 0, byte.MaxValue);
        }

        if (count != TcbLevel.ComponentCount)
        {
            throw new CollateralFormatException($"'sgxtcbcomponents' has {count} components, not {TcbLevel.ComponentCount}");
        }

        return new TcbLevel(
            components,
            (ushort)JsonFields.Integer(tcb, "pcesvn", 0, ushort.MaxValue),
            JsonFields.Date(level, "tcbDate"),
            JsonFields.Status(level, "tcbStatus"),
            JsonFields.AdvisoryIds(level));
    }
}
