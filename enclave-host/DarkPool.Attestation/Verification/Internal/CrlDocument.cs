using System.Diagnostics.CodeAnalysis;
using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DarkPool.Attestation.Verification.Internal;

/// <summary>
/// An X.509 CRL (RFC 5280, DER) read far enough to check it: the signed bytes, the issuer name, the update window,
/// the revoked serial numbers and an ECDSA-SHA256 signature. .NET builds CRLs but does not verify them offline.
/// </summary>
internal sealed class CrlDocument
{
    private const string EcdsaWithSha256 = "1.2.840.10045.4.3.2";

    private readonly byte[] _signedBytes;
    private readonly byte[] _signature;
    private readonly HashSet<BigInteger> _revokedSerials;

    private CrlDocument(byte[] signedBytes, byte[] signature, byte[] issuer, DateTimeOffset thisUpdate, DateTimeOffset nextUpdate, HashSet<BigInteger> revokedSerials)
    {
        _signedBytes = signedBytes;
        _signature = signature;
        Issuer = new X500DistinguishedName(issuer);
        ThisUpdate = thisUpdate;
        NextUpdate = nextUpdate;
        _revokedSerials = revokedSerials;
    }

    public X500DistinguishedName Issuer { get; }

    public DateTimeOffset ThisUpdate { get; }

    public DateTimeOffset NextUpdate { get; }

    public int RevokedCount => _revokedSerials.Count;

    public static bool TryParse(ReadOnlyMemory<byte> der, string what, [NotNullWhen(true)] out CrlDocument? crl, out string detail)
    {
        crl = null;
        try
        {
            var outer = new AsnReader(der, AsnEncodingRules.DER);
            AsnReader certificateList = outer.ReadSequence();
            End(outer);
            byte[] signedBytes = certificateList.ReadEncodedValue().ToArray();
            string outerAlgorithm = ReadAlgorithm(certificateList);
            byte[] signature = certificateList.ReadBitString(out int unusedBits);
            End(certificateList);

            AsnReader tbs = new AsnReader(signedBytes, AsnEncodingRules.DER).ReadSequence();
            if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
            {
                _ = tbs.ReadInteger();
            }

            string innerAlgorithm = ReadAlgorithm(tbs);
            if (outerAlgorithm != EcdsaWithSha256 || innerAlgorithm != EcdsaWithSha256 || unusedBits != 0)
            {
                detail = $"the {what} is not signed with ECDSA-SHA256";
                return false;
            }

            byte[] issuer = tbs.ReadEncodedValue().ToArray();
            DateTimeOffset thisUpdate = ReadTime(tbs);
            if (!tbs.HasData || !IsTime(tbs.PeekTag()))
            {
                detail = $"the {what} has no nextUpdate";
                return false;
            }

            DateTimeOffset nextUpdate = ReadTime(tbs);
            var revoked = new HashSet<BigInteger>();
            if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
            {
                AsnReader entries = tbs.ReadSequence();
                while (entries.HasData)
                {
                    AsnReader entry = entries.ReadSequence();
                    revoked.Add(entry.ReadInteger());
                    _ = ReadTime(entry);
                }
            }

            crl = new CrlDocument(signedBytes, signature, issuer, thisUpdate, nextUpdate, revoked);
            detail = string.Empty;
            return true;
        }
        catch (Exception e) when (e is AsnContentException or CryptographicException)
        {
            detail = $"the {what} is not a DER CRL: {e.Message}";
            return false;
        }
    }

    /// <summary>True when the CRL is signed by <paramref name="issuer"/>'s P-256 key and names it as its issuer.</summary>
    public bool IsIssuedBy(X509Certificate2 issuer)
    {
        if (!Issuer.RawData.AsSpan().SequenceEqual(issuer.SubjectName.RawData))
        {
            return false;
        }

        using ECDsa? key = issuer.GetECDsaPublicKey();
        return key is not null && key.VerifyData(_signedBytes, _signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    public bool Revokes(X509Certificate2 certificate) =>
        _revokedSerials.Contains(new BigInteger(certificate.SerialNumberBytes.Span, isUnsigned: false, isBigEndian: true));

    private static string ReadAlgorithm(AsnReader reader)
    {
        AsnReader algorithm = reader.ReadSequence();
        string oid = algorithm.ReadObjectIdentifier();
        return algorithm.HasData ? string.Empty : oid; // ECDSA algorithm identifiers carry no parameters
    }

    private static bool IsTime(Asn1Tag tag) =>
        tag.HasSameClassAndValue(Asn1Tag.UtcTime) || tag.HasSameClassAndValue(Asn1Tag.GeneralizedTime);

    private static DateTimeOffset ReadTime(AsnReader reader) =>
        reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();

    private static void End(AsnReader reader)
    {
        if (reader.HasData)
        {
            throw new AsnContentException("bytes follow the CRL");
        }
    }
}
