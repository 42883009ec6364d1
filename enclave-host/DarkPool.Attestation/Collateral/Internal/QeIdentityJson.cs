using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using DarkPool.Attestation.Identity;

namespace DarkPool.Attestation.Collateral.Internal;

/// <summary>
/// Writes and reads the <c>enclaveIdentity</c> object in the layout of Intel's PCS (API v4, version 2). MISCSELECT
/// and its mask are the four bytes in report order (little-endian) as hex, as Intel and its verifiers read them.
/// </summary>
internal static class QeIdentityJson
{
    public static string Write(QeIdentity identity)
    {
        if (identity.Attributes.Length != QeIdentity.AttributesSize || identity.AttributesMask.Length != QeIdentity.AttributesSize || identity.Levels.Count == 0)
        {
            throw new InvalidOperationException("A QE Identity has 16-byte attributes and mask and at least one level.");
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", identity.Id);
            json.WriteNumber("version", identity.Version);
            json.WriteString("issueDate", CollateralText.FormatDate(identity.IssueDate));
            json.WriteString("nextUpdate", CollateralText.FormatDate(identity.NextUpdate));
            json.WriteNumber("tcbEvaluationDataNumber", identity.TcbEvaluationDataNumber);
            json.WriteString("miscselect", UInt32Hex(identity.MiscSelect));
            json.WriteString("miscselectMask", UInt32Hex(identity.MiscSelectMask));
            json.WriteString("attributes", Convert.ToHexString(identity.Attributes.Span));
            json.WriteString("attributesMask", Convert.ToHexString(identity.AttributesMask.Span));
            json.WriteString("mrsigner", identity.MrSigner.ToString().ToUpperInvariant());
            json.WriteNumber("isvprodid", identity.IsvProdId);
            json.WriteStartArray("tcbLevels");
            foreach (QeTcbLevel level in identity.Levels)
            {
                json.WriteStartObject();
                json.WriteStartObject("tcb");
                json.WriteNumber("isvsvn", level.IsvSvn);
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

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static bool TryRead(string json, [NotNullWhen(true)] out QeIdentity? identity, out string error)
    {
        identity = null;
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            identity = Read(document.RootElement);
            error = string.Empty;
            return true;
        }
        catch (JsonException e)
        {
            error = $"the QE Identity is not JSON: {e.Message}";
        }
        catch (CollateralFormatException e)
        {
            error = $"the QE Identity is malformed: {e.Message}";
        }

        return false;
    }

    private static QeIdentity Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new CollateralFormatException("it is not a JSON object");
        }

        if (JsonFields.String(root, "id") != QeIdentity.QeId)
        {
            throw new CollateralFormatException($"'id' is not {QeIdentity.QeId}");
        }

        if (JsonFields.Integer(root, "version", 0, int.MaxValue) != QeIdentity.SupportedVersion)
        {
            throw new CollateralFormatException($"'version' is not {QeIdentity.SupportedVersion}");
        }

        var levels = new List<QeTcbLevel>();
        foreach (JsonElement level in JsonFields.Array(root, "tcbLevels"))
        {
            levels.Add(ReadLevel(level));
        }

        return levels.Count == 0
            ? throw new CollateralFormatException("'tcbLevels' is empty")
            : new QeIdentity
            {
                IssueDate = JsonFields.Date(root, "issueDate"),
                NextUpdate = JsonFields.Date(root, "nextUpdate"),
                TcbEvaluationDataNumber = (uint)JsonFields.Integer(root, "tcbEvaluationDataNumber", 0, uint.MaxValue),
                MiscSelect = BinaryPrimitives.ReadUInt32LittleEndian(JsonFields.Hex(root, "miscselect", 4)),
                MiscSelectMask = BinaryPrimitives.ReadUInt32LittleEndian(JsonFields.Hex(root, "miscselectMask", 4)),
                Attributes = JsonFields.Hex(root, "attributes", QeIdentity.AttributesSize),
                AttributesMask = JsonFields.Hex(root, "attributesMask", QeIdentity.AttributesSize),
                MrSigner = new Sha256Hash(JsonFields.Hex(root, "mrsigner", Sha256Hash.Size)),
                IsvProdId = (ushort)JsonFields.Integer(root, "isvprodid", 0, ushort.MaxValue),
                Levels = levels,
            };
    }

    private static QeTcbLevel ReadLevel(JsonElement level)
    {
        if (level.ValueKind != JsonValueKind.Object)
        {
            throw new CollateralFormatException("a TCB level is not an object");
        }

        TcbStatus status = JsonFields.Status(level, "tcbStatus");
        if (status is not (TcbStatus.UpToDate or TcbStatus.OutOfDate or TcbStatus.Revoked))
        {
            throw new CollateralFormatException($"a QE level's 'tcbStatus' is {status}, not UpToDate, OutOfDate or Revoked");
        }

        return new QeTcbLevel(
            (ushort)JsonFields.Integer(JsonFields.Object(level, "tcb"), "isvsvn", 0, ushort.MaxValue),
            JsonFields.Date(level, "tcbDate"),
            status,
            JsonFields.AdvisoryIds(level));
    }

    private static string UInt32Hex(uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return Convert.ToHexString(bytes);
    }
}
