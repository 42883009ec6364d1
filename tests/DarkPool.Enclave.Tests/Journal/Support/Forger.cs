using DarkPool.Enclave.Journal;
using DarkPool.Enclave.Journal.Internal;
using DarkPool.Enclave.Platform;
using DarkPool.Enclave.Sealing;
using DarkPool.Enclave.Tests.Journal.Faults;

namespace DarkPool.Enclave.Tests.Journal.Support;

/// <summary>
/// Writes records only the enclave could write (sealed with the segment's own key), with any sequence and previous
/// hash: the way to reach the sequence and chain checks behind authentication.
/// </summary>
internal static class Forger
{
    public static void AppendRecord(FaultyFolder folder, IEnclavePlatform platform, string segment, long sequence, ReadOnlySpan<byte> previousHash, ReadOnlySpan<byte> payload)
    {
        byte[] content = folder.ContentOf(segment);
        Assert.True(
            SegmentHeader.TryOpen(new Sealer(platform), content.AsSpan(0, SegmentLayout.HeaderSize), out SegmentHeader? header, out _, out string problem),
            problem);
        using var cipher = new RecordCipher(header.Key);
        var frame = new byte[JournalRecordLayout.Overhead + payload.Length];
        _ = cipher.Seal(sequence, previousHash, payload, frame);
        folder.AppendDurable(segment, frame);
    }

    /// <summary>The offsets at which the records of a segment start.</summary>
    public static List<int> RecordOffsets(byte[] segment)
    {
        var offsets = new List<int>();
        int offset = SegmentLayout.HeaderSize;
        while (offset + JournalRecordLayout.HeaderSize <= segment.Length)
        {
            offsets.Add(offset);
            offset += JournalRecordLayout.Overhead + BitConverter.ToInt32(segment, offset + JournalRecordLayout.PayloadLengthOffset);
        }

        return offsets;
    }
}
