using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace DarkPool.Enclave.Platform.Internal;

/// <summary>
/// A u64 that only goes up, kept in a 48-byte file: magic "DPCT", version u16 (1), kind u16, value u64, then
/// HMAC-SHA256 over those 16 bytes with a key derived from the platform secret. Each increment replaces the file
/// durably before the new value is returned. The MAC catches a damaged or forged file; it cannot catch the host
/// putting back an older copy (see docs/ATTESTATION.md, limits of the simulation).
/// </summary>
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

    public static bool TryOpen(string path, byte[] macKey, ushort kind, [NotNullWhen(true)] out AuthenticatedCounterFile? file, out string detail)
    {
        file = null;
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

        file = new AuthenticatedCounterFile(path, macKey, kind, BinaryPrimitives.ReadUInt64LittleEndian(content.AsSpan(8)));
        detail = string.Empty;
        return true;
    }

    /// <summary>Writes value + 1 durably, then returns it; on an I/O error the value is unchanged.</summary>
    public ulong Increment()
    {
        lock (_gate)
        {
            ulong next = checked(_value + 1);
            DurableFile.Write(_path, Encode(_macKey, _kind, next));
            _value = next;
            return next;
        }
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
