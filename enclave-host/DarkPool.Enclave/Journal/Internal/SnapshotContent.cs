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

    /// <summary>The size of the whole file for <paramref name="stateLength"/> bytes of state.</summary>
    public static int FileSize(int stateLength) => S.SealedOffset + Sealer.SealedSize(C.StateOffset + stateLength);

    /// <summary>
    /// Writes the whole file into the start of <paramref name="file"/> (at least <see cref="FileSize"/> long), the state
    /// copied once, straight to where it is sealed in place; returns the file's length. On failure the part written may
    /// hold plaintext: the caller clears it.
    /// </summary>
    public static int SealInto(Sealer sealer, UInt128 journalId, long position, Sha256Hash chainHash, ulong counter, ReadOnlySpan<byte> state, Span<byte> file)
    {
        int length = FileSize(state.Length);
        file = file[..length];
        Span<byte> blob = file[S.SealedOffset..];
        Span<byte> content = blob.Slice(Sealer.PlaintextOffset, C.StateOffset + state.Length);
        content[..C.StateOffset].Clear();
        BinaryPrimitives.WriteUInt128LittleEndian(content[C.JournalIdOffset..], journalId);
        BinaryPrimitives.WriteUInt64LittleEndian(content[C.PositionOffset..], (ulong)position);
        chainHash.CopyTo(content[C.ChainHashOffset..]);
        BinaryPrimitives.WriteUInt64LittleEndian(content[C.CounterOffset..], counter);
        state.CopyTo(content[C.StateOffset..]);
        sealer.SealInPlace(SealPolicy.Product, blob, S.SealContext);

        file[..S.SealedOffset].Clear();
        S.Magic.CopyTo(file);
        BinaryPrimitives.WriteUInt16LittleEndian(file[S.VersionOffset..], S.Version);
        BinaryPrimitives.WriteUInt64LittleEndian(file[S.PositionOffset..], (ulong)position);
        return length;
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
