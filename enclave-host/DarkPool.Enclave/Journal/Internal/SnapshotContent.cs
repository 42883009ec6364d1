using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using DarkPool.Attestation.Identity;
using DarkPool.Enclave.Sealing;
using C = DarkPool.Enclave.Journal.SnapshotLayout.Content;
using S = DarkPool.Enclave.Journal.SnapshotLayout;

namespace DarkPool.Enclave.Journal.Internal;

/// <summary>The sealed content of a snapshot file (<see cref="SnapshotLayout"/>).</summary>
internal sealed class SnapshotContent
{
    private readonly byte[] _plaintext;

    private SnapshotContent(byte[] plaintext)
    {
        _plaintext = plaintext;
        JournalId = BinaryPrimitives.ReadUInt128LittleEndian(plaintext.AsSpan(C.JournalIdOffset));
        Position = (long)BinaryPrimitives.ReadUInt64LittleEndian(plaintext.AsSpan(C.PositionOffset));
        ChainHash = new Sha256Hash(plaintext.AsSpan(C.ChainHashOffset, Sha256Hash.Size));
        Counter = BinaryPrimitives.ReadUInt64LittleEndian(plaintext.AsSpan(C.CounterOffset));
    }

    public UInt128 JournalId { get; }

    public long Position { get; }

    public Sha256Hash ChainHash { get; }

    public ulong Counter { get; }

    public ReadOnlySpan<byte> State => _plaintext.AsSpan(C.StateOffset);

    /// <summary>The whole file: clear prefix and sealed blob.</summary>
    public static byte[] Seal(Sealer sealer, UInt128 journalId, long position, Sha256Hash chainHash, ulong counter, ReadOnlySpan<byte> state)
    {
        var content = new byte[C.StateOffset + state.Length];
        try
        {
            BinaryPrimitives.WriteUInt128LittleEndian(content.AsSpan(C.JournalIdOffset), journalId);
            BinaryPrimitives.WriteUInt64LittleEndian(content.AsSpan(C.PositionOffset), (ulong)position);
            chainHash.CopyTo(content.AsSpan(C.ChainHashOffset));
            BinaryPrimitives.WriteUInt64LittleEndian(content.AsSpan(C.CounterOffset), counter);
            state.CopyTo(content.AsSpan(C.StateOffset));
            byte[] blob = sealer.Seal(SealPolicy.Product, content, S.SealContext);

            var file = new byte[S.SealedOffset + blob.Length];
            S.Magic.CopyTo(file);
            BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(S.VersionOffset), S.Version);
            BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(S.PositionOffset), (ulong)position);
            blob.CopyTo(file.AsSpan(S.SealedOffset));
            return file;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(content);
        }
    }

    /// <summary>Checks the clear prefix and unseals; on failure says what was wrong and at which offset.</summary>
    public static bool TryOpen(Sealer sealer, ReadOnlySpan<byte> file, [NotNullWhen(true)] out SnapshotContent? opened, out long problemOffset, out string problem)
    {
        opened = null;
        problemOffset = 0;
        problem = file.Length < S.SealedOffset ? "is shorter than a snapshot header"
            : !file[..S.Magic.Length].SequenceEqual(S.Magic) ? "does not start with the snapshot magic"
            : BinaryPrimitives.ReadUInt16LittleEndian(file[S.VersionOffset..]) != S.Version ? "has an unsupported snapshot format version"
            : BinaryPrimitives.ReadUInt16LittleEndian(file[S.ReservedOffset..]) != 0 ? "has a non-zero reserved field"
            : string.Empty;
        if (problem.Length > 0)
        {
            return false;
        }

        problemOffset = S.SealedOffset;
        if (!sealer.TryUnseal(file[S.SealedOffset..], SealPolicy.Product, S.SealContext, out byte[]? content, out UnsealError error))
        {
            problem = $"does not unseal ({error})";
            return false;
        }

        if (content.Length < C.StateOffset)
        {
            CryptographicOperations.ZeroMemory(content);
            problem = "has sealed content shorter than a snapshot header";
            return false;
        }

        opened = new SnapshotContent(content);
        problemOffset = S.PositionOffset;
        if ((ulong)opened.Position != BinaryPrimitives.ReadUInt64LittleEndian(file[S.PositionOffset..]) || opened.Position <= 0)
        {
            opened.Clear();
            opened = null;
            problem = "has a clear position that disagrees with its sealed one";
            return false;
        }

        return true;
    }

    /// <summary>Zeroes the plaintext once the state has been handed over.</summary>
    public void Clear() => CryptographicOperations.ZeroMemory(_plaintext);
}
