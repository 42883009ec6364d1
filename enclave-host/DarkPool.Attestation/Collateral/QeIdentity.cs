using System.Diagnostics.CodeAnalysis;
using DarkPool.Attestation.Collateral.Internal;
using DarkPool.Attestation.Identity;

namespace DarkPool.Attestation.Collateral;

/// <summary>
/// Intel's QE Identity (<c>enclaveIdentity</c>, id QE, version 2): which quoting enclave is genuine (MRSIGNER,
/// ISVPRODID, MISCSELECT and ATTRIBUTES under masks) and the TCB status of each of its security versions.
/// <see cref="ToJson"/> writes the object exactly as Intel's PCS serves it; the TCB signing key signs those bytes.
/// </summary>
public sealed record QeIdentity
{
    /// <summary>The only id understood: the SGX quoting enclave.</summary>
    public const string QeId = "QE";

    /// <summary>The only version understood.</summary>
    public const int SupportedVersion = 2;

    /// <summary>Size of ATTRIBUTES and its mask.</summary>
    public const int AttributesSize = 16;

    /// <summary>"QE".</summary>
    public string Id => QeId;

    /// <summary>2.</summary>
    public int Version => SupportedVersion;

    /// <summary>When the document was issued; a verifier refuses it before then.</summary>
    public required DateTimeOffset IssueDate { get; init; }

    /// <summary>When the next document is due; a verifier refuses this one after then.</summary>
    public required DateTimeOffset NextUpdate { get; init; }

    /// <summary>Raised by Intel with every TCB recovery.</summary>
    public required uint TcbEvaluationDataNumber { get; init; }

    /// <summary>The QE report's MISCSELECT, masked with <see cref="MiscSelectMask"/>, must equal this.</summary>
    public uint MiscSelect { get; init; }

    /// <summary>The bits of MISCSELECT that are compared.</summary>
    public uint MiscSelectMask { get; init; } = uint.MaxValue;

    /// <summary>The QE report's ATTRIBUTES (16 bytes, report order), masked with <see cref="AttributesMask"/>, must equal this.</summary>
    public required ReadOnlyMemory<byte> Attributes { get; init; }

    /// <summary>The bits of ATTRIBUTES that are compared (16 bytes).</summary>
    public required ReadOnlyMemory<byte> AttributesMask { get; init; }

    /// <summary>The quoting enclave's MRSIGNER.</summary>
    public required Sha256Hash MrSigner { get; init; }

    /// <summary>The quoting enclave's ISVPRODID.</summary>
    public required ushort IsvProdId { get; init; }

    /// <summary>The levels by QE ISVSVN, highest first.</summary>
    public required IReadOnlyList<QeTcbLevel> Levels { get; init; }

    /// <summary>The <c>enclaveIdentity</c> JSON object: compact, Intel's field order; the exact text that is signed.</summary>
    /// <exception cref="InvalidOperationException">ATTRIBUTES or its mask is not 16 bytes, or there is no level.</exception>
    public string ToJson() => QeIdentityJson.Write(this);

    /// <summary>Parses an <c>enclaveIdentity</c> object; refuses anything but id QE version 2 with every required field.</summary>
    public static bool TryParse(string json, [NotNullWhen(true)] out QeIdentity? identity, out string error) =>
        QeIdentityJson.TryRead(json, out identity, out error);
}
