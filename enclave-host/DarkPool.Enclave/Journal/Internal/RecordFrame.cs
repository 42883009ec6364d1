using System.Buffers.Binary;
using System.Numerics;
using L = DarkPool.Enclave.Journal.JournalRecordLayout;

namespace DarkPool.Enclave.Journal.Internal;

/// <summary>Reads and writes the clear header of a record frame (<see cref="JournalRecordLayout"/>).</summary>
internal static class RecordFrame
{
    public static void WriteHeader(Span<byte> frame, long sequence, int payloadLength, ReadOnlySpan<byte> previousHash)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(frame[L.PayloadLengthOffset..], (uint)payloadLength);
        BinaryPrimitives.WriteUInt32LittleEndian(frame[L.ReservedOffset..], 0);
        BinaryPrimitives.WriteUInt64LittleEndian(frame[L.SequenceOffset..], (ulong)sequence);
        previousHash[..L.HashSize].CopyTo(frame[L.PreviousHashOffset..]);
        BinaryPrimitives.WriteUInt32LittleEndian(frame[L.ChecksumOffset..], Checksum(frame));
    }

    /// <summary>True when the stored CRC-32C matches header bytes 0..47.</summary>
    public static bool ChecksumMatches(ReadOnlySpan<byte> frame) =>
        BinaryPrimitives.ReadUInt32LittleEndian(frame[L.ChecksumOffset..]) == Checksum(frame);

    public static uint PayloadLength(ReadOnlySpan<byte> frame) => BinaryPrimitives.ReadUInt32LittleEndian(frame[L.PayloadLengthOffset..]);

    public static uint Reserved(ReadOnlySpan<byte> frame) => BinaryPrimitives.ReadUInt32LittleEndian(frame[L.ReservedOffset..]);

    public static ulong Sequence(ReadOnlySpan<byte> frame) => BinaryPrimitives.ReadUInt64LittleEndian(frame[L.SequenceOffset..]);

    public static ReadOnlySpan<byte> PreviousHash(ReadOnlySpan<byte> frame) => frame.Slice(L.PreviousHashOffset, L.HashSize);

    /// <summary>CRC-32C (Castagnoli) of bytes 0..47, with the CPU's CRC instruction where there is one.</summary>
    public static uint Checksum(ReadOnlySpan<byte> frame)
    {
        uint crc = uint.MaxValue;
        for (int offset = 0; offset < L.ChecksumOffset; offset += sizeof(ulong))
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(frame[offset..]));
        }

        return ~crc;
    }
}
