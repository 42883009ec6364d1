using System.Diagnostics.CodeAnalysis;
using DarkPool.Attestation.Collateral.Internal;

namespace DarkPool.Attestation.Collateral;

/// <summary>
/// Intel's TCB Info for SGX, version 3: for one platform model (FMSPC) and PCE, the TCB levels and their status.
/// <see cref="ToJson"/> writes the <c>tcbInfo</c> object exactly as Intel's PCS serves it (compact, fields in Intel's
/// order); the TCB signing key signs those bytes.
/// </summary>
public sealed record TcbInfo
{
    /// <summary>The only id understood: SGX (not TDX).</summary>
    public const string SgxId = "SGX";

    /// <summary>The only version understood.</summary>
    public const int SupportedVersion = 3;

    /// <summary>Size of an FMSPC.</summary>
    public const int FmspcSize = 6;

    /// <summary>Size of a PCE-ID.</summary>
    public const int PceIdSize = 2;

    /// <summary>"SGX".</summary>
    public string Id => SgxId;

    /// <summary>3.</summary>
    public int Version => SupportedVersion;

    /// <summary>When the document was issued; a verifier refuses it before then.</summary>
    public required DateTimeOffset IssueDate { get; init; }

    /// <summary>When the next document is due; a verifier refuses this one after then.</summary>
    public required DateTimeOffset NextUpdate { get; init; }

    /// <summary>The platform model (Family-Model-Stepping-Platform-CustomSKU), 6 bytes, as in the PCK certificate.</summary>
    public required ReadOnlyMemory<byte> Fmspc { get; init; }

    /// <summary>The provisioning certification enclave's id, 2 bytes, as in the PCK certificate.</summary>
    public required ReadOnlyMemory<byte> PceId { get; init; }

    /// <summary>How TCB levels are compared: 0, component by component (the only type Intel defines).</summary>
    public int TcbType { get; init; }

    /// <summary>Raised by Intel with every TCB recovery.</summary>
    public required uint TcbEvaluationDataNumber { get; init; }

    /// <summary>The levels, highest first as Intel lists them.</summary>
    public required IReadOnlyList<TcbLevel> Levels { get; init; }

    /// <summary>The <c>tcbInfo</c> JSON object: compact, Intel's field order; the exact text that is signed.</summary>
    /// <exception cref="InvalidOperationException">FMSPC or PCE-ID has the wrong size, or there is no level.</exception>
    public string ToJson() => TcbInfoJson.Write(this);

    /// <summary>Parses a <c>tcbInfo</c> object; refuses anything but SGX version 3 with every required field.</summary>
    public static bool TryParse(string json, [NotNullWhen(true)] out TcbInfo? tcbInfo, out string error) =>
        TcbInfoJson.TryRead(json, out tcbInfo, out error);
}
