using System.Buffers.Binary;
using System.Security.Cryptography;

namespace DarkPool.Chain.Entries;

/// <summary>
/// The ciphertext of a settlement batch: its per-account entries, each encrypted to the account's key
/// (<see cref="EntryCipher"/>). No account appears in the clear; an account finds its entry by trying to open each.
/// <code>
/// version 1: "DPSE" (4) | 1 (1) | entry count (4, BE) | entries back to back (EntryCipher's version 1 layout)
/// version 2: "DPSE" (4) | 2 (1) | entry key Q (65) | entry count (4, BE) | entries back to back (version 2 layout)
/// </code>
/// The enclave writes version 2; readers open both (batches written before version 2 stay on chain).
/// </summary>
public static class BatchCiphertext
{
    /// <summary>Bytes before the first entry of a version 1 ciphertext.</summary>
    internal const int HeaderSize = 9;

    /// <summary>Bytes before the first entry of a version 2 ciphertext.</summary>
    internal const int HeaderSizeV2 = 5 + EntryCipher.PublicKeySize + 4;

    /// <summary>Joins encrypted version 1 entries.</summary>
    public static byte[] Join(IReadOnlyList<byte[]> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        byte[] bytes = new byte[HeaderSize + entries.Sum(e => e.Length)];
        WriteHeader(bytes, entries.Count);
        CopyEntries(entries, bytes.AsSpan(HeaderSize));
        return bytes;
    }

    /// <summary>Joins encrypted version 2 entries under the entry key <paramref name="entryPublicKey"/>.</summary>
    public static byte[] JoinV2(ReadOnlySpan<byte> entryPublicKey, IReadOnlyList<byte[]> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        byte[] bytes = new byte[HeaderSizeV2 + entries.Sum(e => e.Length)];
        WriteHeaderV2(bytes, entryPublicKey, entries.Count);
        CopyEntries(entries, bytes.AsSpan(HeaderSizeV2));
        return bytes;
    }

    /// <summary>Writes the header of a version 1 ciphertext of <paramref name="count"/> entries; the entries follow it.</summary>
    internal static void WriteHeader(Span<byte> destination, int count)
    {
        "DPSE"u8.CopyTo(destination);
        destination[4] = 1;
        BinaryPrimitives.WriteInt32BigEndian(destination[5..], count);
    }

    /// <summary>Writes the header of a version 2 ciphertext of <paramref name="count"/> entries; the entries follow it.</summary>
    internal static void WriteHeaderV2(Span<byte> destination, ReadOnlySpan<byte> entryPublicKey, int count)
    {
        if (entryPublicKey.Length != EntryCipher.PublicKeySize)
        {
            throw new ArgumentException("The entry key is 65 bytes, SEC1 uncompressed.", nameof(entryPublicKey));
        }

        "DPSE"u8.CopyTo(destination);
        destination[4] = 2;
        entryPublicKey.CopyTo(destination[5..]);
        BinaryPrimitives.WriteInt32BigEndian(destination[(5 + EntryCipher.PublicKeySize)..], count);
    }

    /// <summary>The entries of a batch read from the chain that <paramref name="privateKey"/> opens (normally one), decoded.</summary>
    /// <exception cref="Batches.BatchFormatException">The ciphertext is neither layout.</exception>
    public static IReadOnlyList<SettlementEntry> OpenMine(SettledBatch batch, ReadOnlySpan<byte> privateKey)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return OpenMine(batch.Ciphertext.Span, batch.Sequence, batch.JournalHead, privateKey);
    }

    /// <summary>
    /// The entries of a version 1 batch <paramref name="sequence"/> that <paramref name="privateKey"/> opens. A version 2
    /// batch's keys also depend on the journal head it anchors: this overload refuses one
    /// (<see cref="Batches.BatchFormatException"/>); use the overload taking the head, or a <see cref="SettledBatch"/>.
    /// </summary>
    public static IReadOnlyList<SettlementEntry> OpenMine(ReadOnlySpan<byte> ciphertext, ulong sequence, ReadOnlySpan<byte> privateKey) =>
        OpenMine(ciphertext, sequence, journalHead: null, privateKey);

    /// <summary>
    /// The entries of batch <paramref name="sequence"/>, anchoring <paramref name="journalHead"/>, that
    /// <paramref name="privateKey"/> opens (normally one), decoded. A private key that is not a scalar opens nothing.
    /// Throws <see cref="Batches.BatchFormatException"/> when the ciphertext is neither layout (a version 2 entry key that
    /// is not a curve point, a negative count included).
    /// </summary>
    public static IReadOnlyList<SettlementEntry> OpenMine(ReadOnlySpan<byte> ciphertext, ulong sequence, Hash32 journalHead, ReadOnlySpan<byte> privateKey) =>
        OpenMine(ciphertext, sequence, (Hash32?)journalHead, privateKey);

    private static IReadOnlyList<SettlementEntry> OpenMine(ReadOnlySpan<byte> ciphertext, ulong sequence, Hash32? journalHead, ReadOnlySpan<byte> privateKey)
    {
        if (ciphertext.IsEmpty)
        {
            return [];
        }

        if (ciphertext.Length < HeaderSize || !ciphertext[..4].SequenceEqual("DPSE"u8) || ciphertext[4] is not (1 or 2))
        {
            throw new Batches.BatchFormatException("The batch ciphertext is not DPSE version 1 or 2.");
        }

        bool v2 = ciphertext[4] == 2;
        if (v2 && ciphertext.Length < HeaderSizeV2)
        {
            throw new Batches.BatchFormatException($"The DPSE version 2 header of batch {sequence} is truncated.");
        }

        if (v2 && journalHead is null)
        {
            throw new Batches.BatchFormatException($"Batch {sequence} has version 2 entries, whose keys depend on the journal head it anchors: open it with the head (or as a SettledBatch).");
        }

        int headerSize = v2 ? HeaderSizeV2 : HeaderSize;
        int count = BinaryPrimitives.ReadInt32BigEndian(ciphertext[(headerSize - 4)..]);
        if (count < 0)
        {
            throw new Batches.BatchFormatException($"Batch {sequence} claims {count} entries.");
        }

        Span<byte> key = stackalloc byte[32];
        bool canOpen = true;
        if (v2 && !EntryCipher.TryReaderKeyV2(privateKey, ciphertext.Slice(5, EntryCipher.PublicKeySize), sequence, journalHead!.Value, key))
        {
            if (!EntryCipher.TryParsePoint(ciphertext.Slice(5, EntryCipher.PublicKeySize), out _))
            {
                throw new Batches.BatchFormatException($"The entry key of batch {sequence} is not a point on secp256k1.");
            }

            // A private key that is not a scalar opens nothing (as in version 1); the layout is still checked below.
            canOpen = false;
        }

        try
        {
            ReadOnlySpan<byte> rest = ciphertext[headerSize..];
            var mine = new List<SettlementEntry>();
            for (int i = 0; i < count; i++)
            {
                bool opened;
                byte[] plaintext;
                int length;
                if (v2)
                {
                    opened = EntryCipher.TryDecryptV2(canOpen ? key : [], sequence, rest, out plaintext, out length);
                }
                else
                {
                    opened = EntryCipher.TryDecrypt(privateKey, sequence, rest, out plaintext, out length);
                }

                if (length == 0)
                {
                    throw new Batches.BatchFormatException($"Entry {i} of batch {sequence} is truncated.");
                }

                if (opened && SettlementEntry.TryDecode(plaintext, out SettlementEntry? entry) && entry.Sequence == sequence)
                {
                    mine.Add(entry);
                }

                rest = rest[length..];
            }

            return rest.IsEmpty ? mine : throw new Batches.BatchFormatException($"Batch {sequence} has bytes after its {count} entries.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private static void CopyEntries(IReadOnlyList<byte[]> entries, Span<byte> destination)
    {
        int at = 0;
        foreach (byte[] entry in entries)
        {
            entry.CopyTo(destination[at..]);
            at += entry.Length;
        }
    }
}
