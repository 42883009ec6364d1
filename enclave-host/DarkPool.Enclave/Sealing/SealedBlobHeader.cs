using System.Buffers.Binary;
using L = DarkPool.Enclave.Sealing.SealedBlobLayout;

namespace DarkPool.Enclave.Sealing;

/// <summary>The header fields of a sealed blob, as read (not yet authenticated: the tag covers them).</summary>
/// <param name="Policy">The seal policy.</param>
/// <param name="Generation">The sealing key generation.</param>
/// <param name="SecurityVersion">ISVSVN of the sealing enclave.</param>
/// <param name="PlaintextLength">Length of the sealed data.</param>
public readonly record struct SealedBlobHeader(SealPolicy Policy, uint Generation, ushort SecurityVersion, int PlaintextLength)
{
    /// <summary>Reads and checks the structure of the header; does not authenticate.</summary>
    public static bool TryRead(ReadOnlySpan<byte> blob, out SealedBlobHeader header, out UnsealError error)
    {
        header = default;
        error = blob.Length < L.HeaderSize + L.TagSize ? UnsealError.Truncated
            : !blob[..L.Magic.Length].SequenceEqual(L.Magic) ? UnsealError.BadMagic
            : BinaryPrimitives.ReadUInt16LittleEndian(blob[L.VersionOffset..]) != L.Version ? UnsealError.UnsupportedVersion
            : (SealPolicy)BinaryPrimitives.ReadUInt16LittleEndian(blob[L.PolicyOffset..]) is not (SealPolicy.Unique or SealPolicy.Product) ? UnsealError.UnknownPolicy
            : BinaryPrimitives.ReadUInt16LittleEndian(blob[L.ReservedOffset..]) != 0 ? UnsealError.MalformedHeader
            : (long)L.HeaderSize + BinaryPrimitives.ReadUInt32LittleEndian(blob[L.LengthOffset..]) + L.TagSize != blob.Length ? UnsealError.LengthMismatch
            : UnsealError.None;
        if (error != UnsealError.None)
        {
            return false;
        }

        header = new SealedBlobHeader(
            (SealPolicy)BinaryPrimitives.ReadUInt16LittleEndian(blob[L.PolicyOffset..]),
            BinaryPrimitives.ReadUInt32LittleEndian(blob[L.GenerationOffset..]),
            BinaryPrimitives.ReadUInt16LittleEndian(blob[L.SecurityVersionOffset..]),
            (int)BinaryPrimitives.ReadUInt32LittleEndian(blob[L.LengthOffset..]));
        return true;
    }
}
