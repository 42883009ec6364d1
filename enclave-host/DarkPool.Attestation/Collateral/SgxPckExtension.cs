using System.Diagnostics.CodeAnalysis;
using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DarkPool.Attestation.Collateral;

/// <summary>
/// Intel's SGX extension of a PCK certificate (OID 1.2.840.113741.1.13.1): the platform's PPID, the TCB it was
/// certified at (16 SGX TCB component SVNs, PCESVN, CPUSVN), the PCE-ID, the FMSPC and the SGX type. A verifier
/// evaluates the TCB level from these, not from the quote. The DER layout is in docs/ATTESTATION.md.
/// </summary>
public sealed class SgxPckExtension
{
    /// <summary>The extension's OID.</summary>
    public const string Oid = "1.2.840.113741.1.13.1";

    /// <summary>Size of the PPID.</summary>
    public const int PpidSize = 16;

    private const string PpidOid = Oid + ".1";
    private const string TcbOid = Oid + ".2";
    private const string PceSvnOid = TcbOid + ".17";
    private const string CpuSvnOid = TcbOid + ".18";
    private const string PceIdOid = Oid + ".3";
    private const string FmspcOid = Oid + ".4";
    private const string SgxTypeOid = Oid + ".5";

    private readonly byte[] _ppid;
    private readonly byte[] _components;
    private readonly byte[] _cpuSvn;
    private readonly byte[] _pceId;
    private readonly byte[] _fmspc;

    /// <summary>An extension certifying <paramref name="cpuSvn"/> (its bytes are also the 16 component SVNs) and <paramref name="pceSvn"/>.</summary>
    /// <exception cref="ArgumentException">A field has the wrong size.</exception>
    public SgxPckExtension(ReadOnlySpan<byte> ppid, ReadOnlySpan<byte> cpuSvn, ushort pceSvn, ReadOnlySpan<byte> pceId, ReadOnlySpan<byte> fmspc, SgxType sgxType = SgxType.Standard)
        : this(ppid.ToArray(), cpuSvn.ToArray(), cpuSvn.ToArray(), pceSvn, pceId.ToArray(), fmspc.ToArray(), sgxType)
    {
    }

    private SgxPckExtension(byte[] ppid, byte[] components, byte[] cpuSvn, ushort pceSvn, byte[] pceId, byte[] fmspc, SgxType sgxType)
    {
        if (ppid.Length != PpidSize || components.Length != TcbLevel.ComponentCount || cpuSvn.Length != TcbLevel.ComponentCount
            || pceId.Length != TcbInfo.PceIdSize || fmspc.Length != TcbInfo.FmspcSize)
        {
            throw new ArgumentException("PPID and CPUSVN are 16 bytes, PCE-ID 2, FMSPC 6.");
        }

        _ppid = ppid;
        _components = components;
        _cpuSvn = cpuSvn;
        PceSvn = pceSvn;
        _pceId = pceId;
        _fmspc = fmspc;
        SgxType = sgxType;
    }

    /// <summary>The platform provisioning id.</summary>
    public ReadOnlySpan<byte> Ppid => _ppid;

    /// <summary>The 16 SGX TCB component SVNs (OIDs …1.2.1 to …1.2.16): what TCB levels are compared with.</summary>
    public ReadOnlySpan<byte> TcbComponents => _components;

    /// <summary>The PCE security version the certificate was issued for.</summary>
    public ushort PceSvn { get; }

    /// <summary>The raw CPUSVN (OID …1.2.18).</summary>
    public ReadOnlySpan<byte> CpuSvn => _cpuSvn;

    /// <summary>The PCE-ID.</summary>
    public ReadOnlySpan<byte> PceId => _pceId;

    /// <summary>The platform model.</summary>
    public ReadOnlySpan<byte> Fmspc => _fmspc;

    /// <summary>Standard or scalable.</summary>
    public SgxType SgxType { get; }

    /// <summary>The certificate extension (not critical, as Intel's).</summary>
    public X509Extension ToExtension() => new(Oid, Encode(), critical: false);

    /// <summary>The DER encoding of the extension's value.</summary>
    public byte[] Encode()
    {
        var der = new AsnWriter(AsnEncodingRules.DER);
        using (der.PushSequence())
        {
            WriteOctets(der, PpidOid, _ppid);
            using (der.PushSequence())
            {
                der.WriteObjectIdentifier(TcbOid);
                using (der.PushSequence())
                {
                    for (int i = 0; i < TcbLevel.ComponentCount; i++)
                    {
                        using (der.PushSequence())
                        {
                            der.WriteObjectIdentifier($"{TcbOid}.{i + 1}");
                            der.WriteInteger(_components[i]);
                        }
                    }

                    using (der.PushSequence())
                    {
                        der.WriteObjectIdentifier(PceSvnOid);
                        der.WriteInteger(PceSvn);
                    }

                    WriteOctets(der, CpuSvnOid, _cpuSvn);
                }
            }

            WriteOctets(der, PceIdOid, _pceId);
            WriteOctets(der, FmspcOid, _fmspc);
            using (der.PushSequence())
            {
                der.WriteObjectIdentifier(SgxTypeOid);
                der.WriteEnumeratedValue(SgxType);
            }
        }

        return der.Encode();
    }

    /// <summary>Reads the extension of <paramref name="certificate"/>; false when it is missing, repeated or malformed.</summary>
    public static bool TryRead(X509Certificate2 certificate, [NotNullWhen(true)] out SgxPckExtension? extension, out string error)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        extension = null;
        X509Extension[] found = certificate.Extensions.Where(e => e.Oid?.Value == Oid).ToArray();
        if (found.Length != 1)
        {
            error = found.Length == 0 ? "the PCK certificate has no SGX extension" : "the PCK certificate has more than one SGX extension";
            return false;
        }

        return TryDecode(found[0].RawData, out extension, out error);
    }

    /// <summary>Decodes the DER value of the extension. Fields with OIDs it does not know are skipped, as Intel's parsers do.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> der, [NotNullWhen(true)] out SgxPckExtension? extension, out string error)
    {
        extension = null;
        try
        {
            var fields = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
            ReadPairs(new AsnReader(der.ToArray(), AsnEncodingRules.DER), fields);
            if (!fields.TryGetValue(TcbOid, out ReadOnlyMemory<byte> tcb))
            {
                error = "the SGX extension has no TCB";
                return false;
            }

            var tcbFields = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
            ReadPairs(new AsnReader(tcb, AsnEncodingRules.DER), tcbFields);
            var components = new byte[TcbLevel.ComponentCount];
            for (int i = 0; i < components.Length; i++)
            {
                components[i] = (byte)ReadInteger(tcbFields, $"{TcbOid}.{i + 1}", byte.MaxValue);
            }

            extension = new SgxPckExtension(
                ReadOctets(fields, PpidOid, PpidSize),
                components,
                ReadOctets(tcbFields, CpuSvnOid, TcbLevel.ComponentCount),
                (ushort)ReadInteger(tcbFields, PceSvnOid, ushort.MaxValue),
                ReadOctets(fields, PceIdOid, TcbInfo.PceIdSize),
                ReadOctets(fields, FmspcOid, TcbInfo.FmspcSize),
                ReadSgxType(fields));
            error = string.Empty;
            return true;
        }
        catch (Exception e) when (e is AsnContentException or CryptographicException or InvalidDataException)
        {
            error = $"the SGX extension is malformed: {e.Message}";
            return false;
        }
    }

    private static void WriteOctets(AsnWriter der, string oid, byte[] value)
    {
        using (der.PushSequence())
        {
            der.WriteObjectIdentifier(oid);
            der.WriteOctetString(value);
        }
    }

    // SEQUENCE OF SEQUENCE { OID, value }: each value is kept encoded, by OID; a repeated OID is malformed.
    private static void ReadPairs(AsnReader outer, Dictionary<string, ReadOnlyMemory<byte>> fields)
    {
        AsnReader sequence = outer.ReadSequence();
        AtEnd(outer);
        while (sequence.HasData)
        {
            AsnReader pair = sequence.ReadSequence();
            string oid = pair.ReadObjectIdentifier();
            ReadOnlyMemory<byte> value = pair.ReadEncodedValue();
            AtEnd(pair);
            if (!fields.TryAdd(oid, value))
            {
                throw new InvalidDataException($"OID {oid} appears twice");
            }
        }
    }

    private static void AtEnd(AsnReader reader)
    {
        if (reader.HasData)
        {
            throw new InvalidDataException("bytes follow a value");
        }
    }

    private static ReadOnlyMemory<byte> Field(Dictionary<string, ReadOnlyMemory<byte>> fields, string oid) =>
        fields.TryGetValue(oid, out ReadOnlyMemory<byte> value) ? value : throw new InvalidDataException($"OID {oid} is missing");

    private static byte[] ReadOctets(Dictionary<string, ReadOnlyMemory<byte>> fields, string oid, int size)
    {
        var reader = new AsnReader(Field(fields, oid), AsnEncodingRules.DER);
        byte[] value = reader.ReadOctetString();
        AtEnd(reader);
        return value.Length == size ? value : throw new InvalidDataException($"OID {oid} is {value.Length} bytes, not {size}");
    }

    private static int ReadInteger(Dictionary<string, ReadOnlyMemory<byte>> fields, string oid, int max)
    {
        var reader = new AsnReader(Field(fields, oid), AsnEncodingRules.DER);
        BigInteger value = reader.ReadInteger();
        AtEnd(reader);
        return value >= 0 && value <= max ? (int)value : throw new InvalidDataException($"OID {oid} is {value}, not 0..{max}");
    }

    private static SgxType ReadSgxType(Dictionary<string, ReadOnlyMemory<byte>> fields)
    {
        var reader = new AsnReader(Field(fields, SgxTypeOid), AsnEncodingRules.DER);
        var value = new BigInteger(reader.ReadEnumeratedBytes().Span, isUnsigned: false, isBigEndian: true);
        AtEnd(reader);
        return value >= 0 && value <= (int)SgxType.ScalableWithIntegrity ? (SgxType)(int)value : throw new InvalidDataException($"SGX type {value} is unknown");
    }
}
