using System.Buffers.Binary;

namespace DarkPool.Chain.Entries;

/// <summary>
/// The ciphertext of a settlement batch: its per-account entries, each encrypted to the account's key
/// (<see cref="EntryCipher"/>). No account appears in the clear; an account finds its entry by trying to open each.
/// <code>
/// "DPSE" (4) | version 1 (1) | entry count (4, BE) | entries back to back (EntryCipher layout)
/// </code>
/// </summary>
public static class BatchCiphertext
{
    /// <summary>Bytes before the first entry.</summary>
    internal const int HeaderSize = 9;

    /// <summary>Joins encrypted entries.</summary>
    public static byte[] Join(IReadOnlyList<byte[]> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        byte[] bytes = new byte[HeaderSize + entries.Sum(e => e.Length)];
        WriteHeader(bytes, entries.Count);
        int at = HeaderSize;
        foreach (byte[] entry in entries)
        {
            entry.CopyTo(bytes, at);
            at += entry.Length;
        }

        return bytes;
    }

    /// <summary>Writes the header of a ciphertext of <paramref name="count"/> entries; the entries follow it.</summary>
    internal static void WriteHeader(Span<byte> destination, int count)
    {
        "DPSE"u8.CopyTo(destination);
        destination[4] = 1;
        BinaryPrimitives.WriteInt32BigEndian(destination[5..], count);
    }

    /// <summary>
    /// The entries of batch <paramref name="sequence"/> that <paramref name="privateKey"/> opens (normally one), decoded.
    /// Throws <see cref="Batches.BatchFormatException"/> when the ciphertext is not this layout.
    /// </summary>
    public static IReadOnlyList<SettlementEntry> OpenMine(ReadOnlySpan<byte> ciphertext, ulong sequence, ReadOnlySpan<byte> privateKey)
    {
        if (ciphertext.IsEmpty)
        {
            return [];
        }

        if (ciphertext.Length < HeaderSize || !ciphertext[..4].SequenceEqual("DPSE"u8) || ciphertext[4] != 1)
        {
            throw new Batches.BatchFormatException("The batch ciphertext is not DPSE version 1.");
        }

        int count = BinaryPrimitives.ReadInt32BigEndian(ciphertext[5..]);
        ReadOnlySpan<byte> rest = ciphertext[HeaderSize..];
        var mine = new List<SettlementEntry>();
        for (int i = 0; i < count; i++)
        {
            bool opened = EntryCipher.TryDecrypt(privateKey, sequence, rest, out byte[] plaintext, out int length);
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
}
