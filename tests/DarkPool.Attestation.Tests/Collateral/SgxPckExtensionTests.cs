using System.Formats.Asn1;
using DarkPool.Attestation.Collateral;
using DarkPool.Attestation.Tests.Support;

namespace DarkPool.Attestation.Tests.Collateral;

public sealed class SgxPckExtensionTests
{
    private const string Sgx = "1.2.840.113741.1.13.1";
    private static readonly byte[] Ppid = Enumerable.Range(0xA0, 16).Select(i => (byte)i).ToArray();
    private static readonly byte[] CpuSvn = [5, 5, 2, 2, 3, 1, 0, 3, 0, 0, 0, 0, 0, 0, 0, 9];

    [Fact]
    public void Encode_ThenTryDecode_RoundTripsEveryField()
    {
        var extension = new SgxPckExtension(Ppid, CpuSvn, 300, [0x00, 0x00], TestPki.Fmspc);

        Assert.True(SgxPckExtension.TryDecode(extension.Encode(), out SgxPckExtension? decoded, out string error), error);
        Assert.Equal(Ppid, decoded.Ppid.ToArray());
        Assert.Equal(CpuSvn, decoded.TcbComponents.ToArray());
        Assert.Equal(CpuSvn, decoded.CpuSvn.ToArray());
        Assert.Equal(300, decoded.PceSvn);
        Assert.Equal(TestPki.Fmspc, decoded.Fmspc.ToArray());
        Assert.Equal(SgxType.Standard, decoded.SgxType);
    }

    [Fact]
    public void Encode_Always_IsIntelsLayout()
    {
        byte[] der = new SgxPckExtension(Ppid, CpuSvn, 13, [0x00, 0x00], TestPki.Fmspc).Encode();

        // SEQUENCE { {PPID, OCTET STRING}, {TCB, SEQUENCE { 16 x {TCB.n, INTEGER}, {TCB.17, INTEGER}, {TCB.18, OCTET STRING} }},
        //            {PCE-ID, OCTET STRING}, {FMSPC, OCTET STRING}, {SGX type, ENUMERATED} }
        AsnReader fields = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        AsnReader ppid = fields.ReadSequence();
        Assert.Equal(Sgx + ".1", ppid.ReadObjectIdentifier());
        Assert.Equal(Ppid, ppid.ReadOctetString());
        AsnReader tcb = fields.ReadSequence();
        Assert.Equal(Sgx + ".2", tcb.ReadObjectIdentifier());
        AsnReader components = tcb.ReadSequence();
        for (int i = 1; i <= 16; i++)
        {
            AsnReader component = components.ReadSequence();
            Assert.Equal($"{Sgx}.2.{i}", component.ReadObjectIdentifier());
            Assert.Equal(CpuSvn[i - 1], (int)component.ReadInteger());
        }

        AsnReader pceSvn = components.ReadSequence();
        Assert.Equal(Sgx + ".2.17", pceSvn.ReadObjectIdentifier());
        Assert.Equal(13, (int)pceSvn.ReadInteger());
        AsnReader cpuSvn = components.ReadSequence();
        Assert.Equal(Sgx + ".2.18", cpuSvn.ReadObjectIdentifier());
        Assert.Equal(CpuSvn, cpuSvn.ReadOctetString());
        Assert.Equal(Sgx + ".3", fields.ReadSequence().ReadObjectIdentifier());
        Assert.Equal(Sgx + ".4", fields.ReadSequence().ReadObjectIdentifier());
        AsnReader type = fields.ReadSequence();
        Assert.Equal(Sgx + ".5", type.ReadObjectIdentifier());
        Assert.Equal(SgxType.Standard, type.ReadEnumeratedValue<SgxType>());
        Assert.False(fields.HasData);
    }

    [Fact]
    public void TryRead_CertificateWithTheExtension_ReadsItAndItIsNotCritical()
    {
        using TestPki pki = TestPki.Create(QuoteFixture.Now);

        Assert.True(SgxPckExtension.TryRead(pki.Leaf, out SgxPckExtension? extension, out string error), error);
        Assert.Equal(new PkiOptions().CpuSvn, extension.TcbComponents.ToArray());
        Assert.False(pki.Leaf.Extensions[Sgx]!.Critical);
    }

    [Fact]
    public void TryRead_CertificateWithoutTheExtension_Fails()
    {
        using TestPki pki = TestPki.Create(QuoteFixture.Now, new PkiOptions { LeafHasSgxExtension = false });

        Assert.False(SgxPckExtension.TryRead(pki.Leaf, out _, out string error));
        Assert.Contains("no SGX extension", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryDecode_UnknownFieldsAsOnPlatformCaCertificates_AreSkipped()
    {
        byte[] der = Build(writer =>
        {
            WriteStandardFields(writer, skip: null);
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(Sgx + ".6"); // PlatformInstanceID
                writer.WriteOctetString(new byte[16]);
            }
        });

        Assert.True(SgxPckExtension.TryDecode(der, out _, out string error), error);
    }

    [Theory]
    [InlineData(Sgx + ".4")]
    [InlineData(Sgx + ".2")]
    [InlineData(Sgx + ".5")]
    public void TryDecode_RequiredFieldMissing_Fails(string oid) =>
        Assert.False(SgxPckExtension.TryDecode(Build(writer => WriteStandardFields(writer, skip: oid)), out _, out _));

    [Fact]
    public void TryDecode_FieldRepeated_Fails()
    {
        byte[] der = Build(writer =>
        {
            WriteStandardFields(writer, skip: null);
            WriteOctets(writer, Sgx + ".4", TestPki.Fmspc);
        });

        Assert.False(SgxPckExtension.TryDecode(der, out _, out string error));
        Assert.Contains("twice", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x30 })]
    [InlineData(new byte[] { 0x04, 0x00 })]
    [InlineData(new byte[] { 0x30, 0x00, 0x00 })]
    public void TryDecode_NotTheExtension_Fails(byte[] der) => Assert.False(SgxPckExtension.TryDecode(der, out _, out _));

    [Fact]
    public void Constructor_WrongFmspcSize_Throws() =>
        Assert.Throws<ArgumentException>(() => new SgxPckExtension(Ppid, CpuSvn, 1, [0, 0], new byte[5]));

    private static byte[] Build(Action<AsnWriter> fields)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            fields(writer);
        }

        return writer.Encode();
    }

    // The standard fields, taken from a real encoding so only the structure around them changes.
    private static void WriteStandardFields(AsnWriter writer, string? skip)
    {
        AsnReader fields = new AsnReader(new SgxPckExtension(Ppid, CpuSvn, 13, [0, 0], TestPki.Fmspc).Encode(), AsnEncodingRules.DER).ReadSequence();
        while (fields.HasData)
        {
            ReadOnlyMemory<byte> field = fields.ReadEncodedValue();
            string oid = new AsnReader(field, AsnEncodingRules.DER).ReadSequence().ReadObjectIdentifier();
            if (oid != skip)
            {
                writer.WriteEncodedValue(field.Span);
            }
        }
    }

    private static void WriteOctets(AsnWriter writer, string oid, byte[] value)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            writer.WriteOctetString(value);
        }
    }
}
