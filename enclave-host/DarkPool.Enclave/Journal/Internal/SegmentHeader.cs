using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using DarkPool.Attestation.Identity;
using DarkPool.Enclave.Sealing;
using C = DarkPool.Enclave.Journal.SegmentLayout.Content;
using S = DarkPool.Enclave.Journal.SegmentLayout;

namespace DarkPool.Enclave.Journal.Internal;

/// <summary>The sealed content of a segment header (<see cref="SegmentLayout"/>).</summary>
internal sealed class SegmentHeader
{
    public SegmentHeader(UInt128 journalId, long firstSequence, Sha256Hash previousHash, ulong counter, byte[] key)
    {
        JournalId = journalId;
        FirstSequence = firstSequence;
        PreviousHash = previousHash;
        Counter = counter;
        Key = key;
    }

    public UInt128 JournalId { get; }

    public long FirstSequence { get; }

    public Sha256Hash PreviousHash { get; }

    public ulong Counter { get; }

    /// <summary>The segment's AES-256 key; the caller zeroes it when done.</summary>
    public byte[] Key { get; }

    /// <summary>The whole <see cref="SegmentLayout.HeaderSize"/>-byte header: clear prefix and sealed blob.</summary>
    public byte[] Seal(Sealer sealer)
    {
        Span<byte> content = stackalloc byte[C.Size];
        try
        {
            BinaryPrimitives.WriteUInt128LittleEndian(content[C.JournalIdOffset..], JournalId);
            BinaryPrimitives.WriteUInt64LittleEndian(content[C.FirstSequenceOffset..], (ulong)FirstSequence);
            PreviousHash.CopyTo(content[C.PreviousHashOffset..]);
            BinaryPrimitives.WriteUInt64LittleEndian(content[C.CounterOffset..], Counter);
            Key.CopyTo(content[C.KeyOffset..]);
            byte[] blob = sealer.Seal(SealPolicy.Product, content, S.SealContext);

            var header = new byte[S.HeaderSize];
            S.Magic.CopyTo(header);
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(S.VersionOffset), S.Version);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(S.SealedLengthOffset), (uint)blob.Length);
            blob.CopyTo(header.AsSpan(S.SealedOffset));
            return header;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(content);
        }
    }

    /// <summary>Checks the clear prefix and unseals; on failure says what was wrong and at which offset.</summary>
    public static bool TryOpen(Sealer sealer, ReadOnlySpan<byte> header, [NotNullWhen(true)] out SegmentHeader? opened, out long problemOffset, out string problem)
    {
        opened = null;
        problemOffset = 0;
        problem = header.Length < S.HeaderSize ? "is shorter than a segment header"
            : !header[..S.Magic.Length].SequenceEqual(S.Magic) ? "does not start with the segment magic"
            : BinaryPrimitives.ReadUInt16LittleEndian(header[S.VersionOffset..]) != S.Version ? "has an unsupported segment format version"
            : BinaryPrimitives.ReadUInt16LittleEndian(header[S.ReservedOffset..]) != 0 ? "has a non-zero reserved field"
            : BinaryPrimitives.ReadUInt32LittleEndian(header[S.SealedLengthOffset..]) != S.SealedLength ? "has a wrong sealed header length"
            : string.Empty;
        if (problem.Length > 0)
        {
            return false;
        }

        problemOffset = S.SealedOffset;
        if (!sealer.TryUnseal(header.Slice(S.SealedOffset, S.SealedLength), SealPolicy.Product, S.SealContext, out byte[]? content, out UnsealError error))
        {
            problem = $"has a segment header that does not unseal ({error})";
            return false;
        }

        try
        {
            ulong first = BinaryPrimitives.ReadUInt64LittleEndian(content.AsSpan(C.FirstSequenceOffset));
            if (first is 0 or > long.MaxValue)
            {
                problem = "has an impossible first sequence in its sealed header";
                return false;
            }

            opened = new SegmentHeader(
                BinaryPrimitives.ReadUInt128LittleEndian(content.AsSpan(C.JournalIdOffset)),
                (long)first,
                new Sha256Hash(content.AsSpan(C.PreviousHashOffset, Sha256Hash.Size)),
                BinaryPrimitives.ReadUInt64LittleEndian(content.AsSpan(C.CounterOffset)),
                content.AsSpan(C.KeyOffset, C.KeySize).ToArray());
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(content);
        }
    }
}
