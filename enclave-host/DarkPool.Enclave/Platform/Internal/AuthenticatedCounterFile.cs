using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace DarkPool.Enclave.Platform.Internal;

/// <summary>
/// A u64 that only goes up, kept in a 48-byte file: magic "DPCT", version u16 (1), kind u16, value u64, then
/// HMAC-SHA256 over those 16 bytes with a key derived from the platform secret. Each increment replaces the file
/// durably before the new value is returned. The MAC catches a damaged or forged file; it cannot catch the host
/// putting back an older copy while the platform is stopped (see docs/ATTESTATION.md, limits of the simulation).
/// </summary>
/// <remarks>
/// Only one instance may write a file: the platform holds the data folder's <see cref="DataFolderLock"/> for as long
/// as this object lives. Each increment also reads the file back first and refuses to write when it no longer holds
/// the value this instance last wrote, so that a lock that did not hold (file locking disabled, a file system that
/// ignores it) or a file replaced while the platform runs ends in an error, never in a value that goes backwards.
/// </remarks>
internal sealed class AuthenticatedCounterFile
{
    public const ushort MonotonicCounterKind = 1;
    public const ushort SealKeyGenerationKind = 2;

    private const int Size = 48;
    private const int BodySize = 16;
    private const ushort Version = 1;

    private readonly string _path;
    private readonly byte[] _macKey;
    private readonly ushort _kind;
    private readonly Lock _gate = new();
    private ulong _value;
    private bool _closed;

    private AuthenticatedCounterFile(string path, byte[] macKey, ushort kind, ulong value)
    {
        _path = path;
        _macKey = macKey;
        _kind = kind;
        _value = value;
    }

    private static ReadOnlySpan<byte> Magic => "DPCT"u8;

    public ulong Value
    {
        get
        {
            lock (_gate)
            {
                return _value;
            }
        }
    }

    public static void Create(string path, byte[] macKey, ushort kind, ulong initialValue) =>
        DurableFile.Write(path, Encode(macKey, kind, initialValue));

    /// <summary>Reads and authenticates the file; the object keeps its own copy of <paramref name="macKey"/>.</summary>
    public static bool TryOpen(string path, byte[] macKey, ushort kind, [NotNullWhen(true)] out AuthenticatedCounterFile? file, out string detail)
    {
        file = TryRead(path, macKey, kind, out ulong value, out detail) ? new AuthenticatedCounterFile(path, (byte[])macKey.Clone(), kind, value) : null;
        return file is not null;
    }

    /// <summary>
    /// Writes value + 1 durably, then returns it; on an I/O error the value is unchanged.
    /// </summary>
    /// <exception cref="InvalidOperationException">The file no longer holds the value this instance last wrote.</exception>
    /// <exception cref="ObjectDisposedException">The platform was disposed: it no longer holds the folder's lock.</exception>
    public ulong Increment()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            if (!TryRead(_path, _macKey, _kind, out ulong stored, out string detail))
            {
                throw new InvalidOperationException($"Refusing to write the platform counter: {detail}.");
            }

            if (stored != _value)
            {
                throw new InvalidOperationException(
                    $"Refusing to write the platform counter: '{_path}' holds {stored}, not the {_value} this platform last wrote "
                    + "(another instance wrote it, or it was replaced while the platform runs).");
            }

            ulong next = checked(_value + 1);
            DurableFile.Write(_path, Encode(_macKey, _kind, next));
            _value = next;
            return next;
        }
    }

    /// <summary>Refuses every later increment and wipes the MAC key; called before the folder's lock is released.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            CryptographicOperations.ZeroMemory(_macKey);
        }
    }

    private static bool TryRead(string path, byte[] macKey, ushort kind, out ulong value, out string detail)
    {
        value = 0;
        byte[] content = File.ReadAllBytes(path);
        if (content.Length != Size
            || !content.AsSpan(0, 4).SequenceEqual(Magic)
            || BinaryPrimitives.ReadUInt16LittleEndian(content.AsSpan(4)) != Version
            || BinaryPrimitives.ReadUInt16LittleEndian(content.AsSpan(6)) != kind)
        {
            detail = $"'{path}' is not a platform counter file of kind {kind}";
            return false;
        }

        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(macKey, content.AsSpan(0, BodySize), mac);
        if (!CryptographicOperations.FixedTimeEquals(mac, content.AsSpan(BodySize)))
        {
            detail = $"'{path}' fails its authentication code: damaged or not written by this platform";
            return false;
        }

        value = BinaryPrimitives.ReadUInt64LittleEndian(content.AsSpan(8));
        detail = string.Empty;
        return true;
    }

    private static byte[] Encode(byte[] macKey, ushort kind, ulong value)
    {
        var content = new byte[Size];
        Magic.CopyTo(content);
        BinaryPrimitives.WriteUInt16LittleEndian(content.AsSpan(4), Version);
        BinaryPrimitives.WriteUInt16LittleEndian(content.AsSpan(6), kind);
        BinaryPrimitives.WriteUInt64LittleEndian(content.AsSpan(8), value);
        HMACSHA256.HashData(macKey, content.AsSpan(0, BodySize), content.AsSpan(BodySize));
        return content;
    }
}
