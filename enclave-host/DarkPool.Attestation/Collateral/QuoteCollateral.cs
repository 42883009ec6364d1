using System.Diagnostics.CodeAnalysis;
using DarkPool.Attestation.Collateral.Internal;

namespace DarkPool.Attestation.Collateral;

/// <summary>
/// Everything a DCAP verifier needs besides the quote and the pinned root, with the field names of Intel's PCCS and
/// Phala's <c>dcap-qvl</c>: the two CRLs, the signed TCB Info and QE Identity with their issuer chains, and the PCK
/// chain. <see cref="ToJson"/> writes <c>collateral.json</c> in the encodings that library reads (docs/ATTESTATION.md).
/// </summary>
public sealed record QuoteCollateral
{
    /// <summary>PEM: the PCK CA that signs <see cref="PckCrl"/>, then the root CA.</summary>
    public required string PckCrlIssuerChain { get; init; }

    /// <summary>DER: the root CA's CRL (revokes intermediate CAs and the TCB signing certificate).</summary>
    public required ReadOnlyMemory<byte> RootCaCrl { get; init; }

    /// <summary>DER: the PCK CA's CRL (revokes PCK certificates).</summary>
    public required ReadOnlyMemory<byte> PckCrl { get; init; }

    /// <summary>PEM: the TCB signing certificate, then the root CA.</summary>
    public required string TcbInfoIssuerChain { get; init; }

    /// <summary>The <c>tcbInfo</c> JSON object, byte for byte as signed (see <see cref="TcbInfo.ToJson"/>).</summary>
    public required string TcbInfoJson { get; init; }

    /// <summary>r||s (64 bytes): the TCB signing key's ECDSA-SHA256 signature over the UTF-8 bytes of <see cref="TcbInfoJson"/>.</summary>
    public required ReadOnlyMemory<byte> TcbInfoSignature { get; init; }

    /// <summary>PEM: the TCB signing certificate, then the root CA.</summary>
    public required string QeIdentityIssuerChain { get; init; }

    /// <summary>The <c>enclaveIdentity</c> JSON object, byte for byte as signed (see <see cref="QeIdentity.ToJson"/>).</summary>
    public required string QeIdentityJson { get; init; }

    /// <summary>r||s (64 bytes): the TCB signing key's signature over the UTF-8 bytes of <see cref="QeIdentityJson"/>.</summary>
    public required ReadOnlyMemory<byte> QeIdentitySignature { get; init; }

    /// <summary>PEM: PCK leaf, PCK CA, root, as in the quote's certification data; null when the quote carries it only.</summary>
    public string? PckCertificateChain { get; init; }

    /// <summary>The <c>collateral.json</c> text: PEM as strings, CRLs and signatures as lower-case hex, documents as JSON strings.</summary>
    public string ToJson() => CollateralJson.Write(this);

    /// <summary>Parses <c>collateral.json</c>. Byte fields may be hex strings or arrays of numbers (both forms the library accepts).</summary>
    public static bool TryParse(string json, [NotNullWhen(true)] out QuoteCollateral? collateral, out CollateralParseError error) =>
        CollateralJson.TryRead(json, out collateral, out error);
}
