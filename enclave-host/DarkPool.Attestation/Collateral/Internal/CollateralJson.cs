using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DarkPool.Attestation.Collateral.Internal;

/// <summary>
/// <c>collateral.json</c>: the field names of Intel's PCCS and Phala's dcap-qvl; PEM chains and the two signed
/// documents as JSON strings, CRLs (DER) and signatures (r||s) as lower-case hex, as that library's own tool writes.
/// </summary>
internal static class CollateralJson
{
    public const string PckCrlIssuerChain = "pck_crl_issuer_chain";
    public const string RootCaCrl = "root_ca_crl";
    public const string PckCrl = "pck_crl";
    public const string TcbInfoIssuerChain = "tcb_info_issuer_chain";
    public const string TcbInfo = "tcb_info";
    public const string TcbInfoSignature = "tcb_info_signature";
    public const string QeIdentityIssuerChain = "qe_identity_issuer_chain";
    public const string QeIdentity = "qe_identity";
    public const string QeIdentitySignature = "qe_identity_signature";
    public const string PckCertificateChain = "pck_certificate_chain";

    // Not HTML-escaped: '+' in base64 stays '+', so the file reads as the PEM it carries. Still valid JSON.
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(QuoteCollateral collateral)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString(PckCrlIssuerChain, collateral.PckCrlIssuerChain);
            json.WriteString(RootCaCrl, Hex(collateral.RootCaCrl));
            json.WriteString(PckCrl, Hex(collateral.PckCrl));
            json.WriteString(TcbInfoIssuerChain, collateral.TcbInfoIssuerChain);
            json.WriteString(TcbInfo, collateral.TcbInfoJson);
            json.WriteString(TcbInfoSignature, Hex(collateral.TcbInfoSignature));
            json.WriteString(QeIdentityIssuerChain, collateral.QeIdentityIssuerChain);
            json.WriteString(QeIdentity, collateral.QeIdentityJson);
            json.WriteString(QeIdentitySignature, Hex(collateral.QeIdentitySignature));
            if (collateral.PckCertificateChain is null)
            {
                json.WriteNull(PckCertificateChain);
            }
            else
            {
                json.WriteString(PckCertificateChain, collateral.PckCertificateChain);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    public static bool TryRead(string json, [NotNullWhen(true)] out QuoteCollateral? collateral, out CollateralParseError error)
    {
        collateral = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            error = new CollateralParseError(string.Empty, $"not JSON: {e.Message}");
            return false;
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = new CollateralParseError(string.Empty, "not a JSON object");
                return false;
            }

            string current = string.Empty;
            try
            {
                collateral = new QuoteCollateral
                {
                    PckCrlIssuerChain = Text(root, current = PckCrlIssuerChain),
                    RootCaCrl = Bytes(root, current = RootCaCrl),
                    PckCrl = Bytes(root, current = PckCrl),
                    TcbInfoIssuerChain = Text(root, current = TcbInfoIssuerChain),
                    TcbInfoJson = Text(root, current = TcbInfo),
                    TcbInfoSignature = Bytes(root, current = TcbInfoSignature),
                    QeIdentityIssuerChain = Text(root, current = QeIdentityIssuerChain),
                    QeIdentityJson = Text(root, current = QeIdentity),
                    QeIdentitySignature = Bytes(root, current = QeIdentitySignature),
                    PckCertificateChain = OptionalText(root, current = PckCertificateChain),
                };
            }
            catch (CollateralFormatException e)
            {
                error = new CollateralParseError(current, e.Message);
                return false;
            }
        }

        error = default;
        return true;
    }

    private static string Hex(ReadOnlyMemory<byte> bytes) => Convert.ToHexStringLower(bytes.Span);

    private static string Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new CollateralFormatException("missing or not a string");

    private static string? OptionalText(JsonElement root, string name) =>
        !root.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null ? null
            : value.ValueKind == JsonValueKind.String ? value.GetString()
            : throw new CollateralFormatException("not a string or null");

    private static byte[] Bytes(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out JsonElement value))
        {
            throw new CollateralFormatException("missing");
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            string hex = value.GetString()!;
            return hex.Length % 2 == 0 && hex.All(char.IsAsciiHexDigit)
                ? Convert.FromHexString(hex)
                : throw new CollateralFormatException("not a hex string");
        }

        if (value.ValueKind == JsonValueKind.Array)
        {
            var bytes = new byte[value.GetArrayLength()];
            int i = 0;
            foreach (JsonElement item in value.EnumerateArray())
            {
                bytes[i++] = item.ValueKind == JsonValueKind.Number && item.TryGetByte(out byte b) ? b : throw new CollateralFormatException("not an array of bytes");
            }

            return bytes;
        }

        throw new CollateralFormatException("neither a hex string nor an array of bytes");
    }
}
