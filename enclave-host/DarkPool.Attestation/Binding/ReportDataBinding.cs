using System.Buffers.Binary;
using System.Security.Cryptography;
using DarkPool.Attestation.Quotes;

namespace DarkPool.Attestation.Binding;

/// <summary>
/// What the enclave's REPORTDATA commits to: its session key-agreement public key, its settlement signing public
/// key and the verifier's nonce. REPORTDATA[0..31] = SHA-256(label || len16 || key agreement key || len16 ||
/// settlement key || len16 || nonce) with the label "DarkPool.ReportData.v1" and a zero byte; REPORTDATA[32..63]
/// is zero. Lengths are u16 little-endian, so no two different inputs hash the same bytes.
/// </summary>
public sealed class ReportDataBinding
{
    /// <summary>Size of a verifier nonce.</summary>
    public const int NonceSize = 32;

    /// <summary>Largest public key encoding accepted.</summary>
    public const int MaxKeySize = 1024;

    private static ReadOnlySpan<byte> Label => "DarkPool.ReportData.v1\0"u8;

    private readonly byte[] _keyAgreementKey;
    private readonly byte[] _settlementKey;
    private readonly byte[] _nonce;

    /// <summary>Binds two public keys (opaque encodings, 1..1,024 bytes each) and a 32-byte nonce.</summary>
    public ReportDataBinding(ReadOnlySpan<byte> keyAgreementPublicKey, ReadOnlySpan<byte> settlementPublicKey, ReadOnlySpan<byte> nonce)
    {
        Validate(keyAgreementPublicKey, settlementPublicKey, nonce);
        _keyAgreementKey = keyAgreementPublicKey.ToArray();
        _settlementKey = settlementPublicKey.ToArray();
        _nonce = nonce.ToArray();
    }

    /// <summary>The session key-agreement public key.</summary>
    public ReadOnlySpan<byte> KeyAgreementPublicKey => _keyAgreementKey;

    /// <summary>The settlement signing public key.</summary>
    public ReadOnlySpan<byte> SettlementPublicKey => _settlementKey;

    /// <summary>The verifier's nonce.</summary>
    public ReadOnlySpan<byte> Nonce => _nonce;

    /// <summary>The 64 bytes of REPORTDATA.</summary>
    public byte[] ToReportData()
    {
        var reportData = new byte[QuoteLayout.Report.ReportDataSize];
        Compute(_keyAgreementKey, _settlementKey, _nonce, reportData);
        return reportData;
    }

    /// <summary>Writes the 64 bytes of REPORTDATA for these keys and nonce.</summary>
    public static void Compute(ReadOnlySpan<byte> keyAgreementPublicKey, ReadOnlySpan<byte> settlementPublicKey, ReadOnlySpan<byte> nonce, Span<byte> reportData)
    {
        Validate(keyAgreementPublicKey, settlementPublicKey, nonce);
        if (reportData.Length < QuoteLayout.Report.ReportDataSize)
        {
            throw new ArgumentException($"Need {QuoteLayout.Report.ReportDataSize} bytes.", nameof(reportData));
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Label);
        AppendField(hash, keyAgreementPublicKey);
        AppendField(hash, settlementPublicKey);
        AppendField(hash, nonce);
        reportData[..QuoteLayout.Report.ReportDataSize].Clear();
        hash.GetHashAndReset(reportData[..32]);
    }

    private static void AppendField(IncrementalHash hash, ReadOnlySpan<byte> field)
    {
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)field.Length);
        hash.AppendData(length);
        hash.AppendData(field);
    }

    private static void Validate(ReadOnlySpan<byte> keyAgreementPublicKey, ReadOnlySpan<byte> settlementPublicKey, ReadOnlySpan<byte> nonce)
    {
        if (keyAgreementPublicKey.Length is 0 or > MaxKeySize)
        {
            throw new ArgumentException($"A public key is 1..{MaxKeySize} bytes.", nameof(keyAgreementPublicKey));
        }

        if (settlementPublicKey.Length is 0 or > MaxKeySize)
        {
            throw new ArgumentException($"A public key is 1..{MaxKeySize} bytes.", nameof(settlementPublicKey));
        }

        if (nonce.Length != NonceSize)
        {
            throw new ArgumentException($"A nonce is {NonceSize} bytes.", nameof(nonce));
        }
    }
}
