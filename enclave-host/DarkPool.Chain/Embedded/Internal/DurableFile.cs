using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace DarkPool.Chain.Embedded.Internal;

/// <summary>
/// Checksummed files written crash-safe: write a temp file, fsync it, rename it over the target, fsync
/// the directory. A reader sees the old file or the new one, never a mix; a torn temp file is left
/// behind only as <c>*.tmp</c>, which <see cref="RemoveTornTempFiles"/> deletes at open.
/// Envelope: magic "DPCF" (4) | version (2) | kind (2) | payload length (8) | SHA-256 of payload (32) | payload.
/// </summary>
internal static class DurableFile
{
    public const int HeaderSize = 48;
    public const string TempSuffix = ".tmp";
    private const uint Magic = 0x44504346; // "DPCF"
    private const ushort Version = 1;
    private const int SyncSlice = 64 * 1024;

    public static void Write(string path, ushort kind, ReadOnlySpan<byte> payload) => Write(path, kind, payload, [], []);

    /// <summary>
    /// Writes one file whose payload is <paramref name="first"/>, <paramref name="second"/> and <paramref name="third"/>
    /// back to back, the same bytes as one joined payload, without joining them in memory (a batch file's megabyte).
    /// </summary>
    public static void Write(string path, ushort kind, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, ReadOnlySpan<byte> third)
    {
        string temp = path + TempSuffix;
        Span<byte> header = stackalloc byte[HeaderSize];
        BinaryPrimitives.WriteUInt32BigEndian(header, Magic);
        BinaryPrimitives.WriteUInt16BigEndian(header[4..], Version);
        BinaryPrimitives.WriteUInt16BigEndian(header[6..], kind);
        BinaryPrimitives.WriteUInt64BigEndian(header[8..], (ulong)(first.Length + second.Length + third.Length));
        using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            sha.AppendData(first);
            sha.AppendData(second);
            sha.AppendData(third);
            _ = sha.GetHashAndReset(header[16..]);
        }

        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            // Made durable in slices: the file system commits its journal for all files together, so one fsync of a
            // megabyte made the enclave journal's group commits on the same disk wait behind it (8-66 ms stalls,
            // docs/PERFORMANCE.md); slices of SyncSlice bytes keep each such wait short.
            stream.Write(header);
            int unsynced = 0;
            WriteSliced(stream, first, ref unsynced);
            WriteSliced(stream, second, ref unsynced);
            WriteSliced(stream, third, ref unsynced);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
        SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>Reads and checks a file; throws <see cref="ChainDataCorruptException"/> on any damage.</summary>
    public static byte[] Read(string path, ushort kind)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException ex)
        {
            throw new ChainDataCorruptException(path, "the file is missing", ex);
        }

        if (bytes.Length < HeaderSize)
        {
            throw new ChainDataCorruptException(path, $"shorter ({bytes.Length} bytes) than the {HeaderSize}-byte header");
        }

        if (BinaryPrimitives.ReadUInt32BigEndian(bytes) != Magic
            || BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(4)) != Version
            || BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(6)) != kind)
        {
            throw new ChainDataCorruptException(path, "wrong magic, version or kind in the header");
        }

        ulong length = BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(8));
        if (length != (ulong)(bytes.Length - HeaderSize))
        {
            throw new ChainDataCorruptException(path, $"header says {length} payload bytes, the file has {bytes.Length - HeaderSize}");
        }

        byte[] payload = bytes[HeaderSize..];
        if (!SHA256.HashData(payload).AsSpan().SequenceEqual(bytes.AsSpan(16, 32)))
        {
            throw new ChainDataCorruptException(path, "the payload checksum does not match");
        }

        return payload;
    }

    /// <summary>Deletes temp files left by a crash before their rename; the committed files are intact.</summary>
    public static void RemoveTornTempFiles(string directory)
    {
        foreach (string temp in Directory.EnumerateFiles(directory, "*" + TempSuffix))
        {
            File.Delete(temp);
        }
    }

    /// <summary>Writes <paramref name="part"/>, fsyncing each time <see cref="SyncSlice"/> payload bytes are written since the last fsync.</summary>
    private static void WriteSliced(FileStream stream, ReadOnlySpan<byte> part, ref int unsynced)
    {
        while (!part.IsEmpty)
        {
            int slice = Math.Min(SyncSlice - unsynced, part.Length);
            stream.Write(part[..slice]);
            part = part[slice..];
            unsynced += slice;
            if (unsynced == SyncSlice)
            {
                stream.Flush(flushToDisk: true);
                unsynced = 0;
            }
        }
    }

    /// <summary>Makes a rename durable: fsync on the directory (POSIX); Windows has no directory fsync.</summary>
    public static void SyncDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD())
        {
            return;
        }

        int fd = Native.Open(directory, 0); // O_RDONLY
        if (fd < 0)
        {
            throw new IOException($"Cannot open directory {directory} to fsync it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Native.Fsync(fd) != 0)
            {
                throw new IOException($"fsync of directory {directory} failed (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Native.Close(fd);
        }
    }
}
