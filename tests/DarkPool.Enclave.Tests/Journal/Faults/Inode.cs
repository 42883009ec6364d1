namespace DarkPool.Enclave.Tests.Journal.Faults;

/// <summary>
/// A file's content in the fault model. Files are only appended to and truncated durably, so what is on the disk is
/// always a prefix of what the page cache holds: bytes 0..<see cref="DurableLength"/> are on the disk, the rest only
/// in memory.
/// </summary>
internal sealed class Inode
{
    private byte[] _data = new byte[256];

    public int Length { get; private set; }

    public int DurableLength { get; private set; }

    public ReadOnlySpan<byte> Content => _data.AsSpan(0, Length);

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (Length + bytes.Length > _data.Length)
        {
            Array.Resize(ref _data, Math.Max(Length + bytes.Length, _data.Length * 2));
        }

        bytes.CopyTo(_data.AsSpan(Length));
        Length += bytes.Length;
    }

    public void Sync() => DurableLength = Length;

    /// <summary>ftruncate and fsync.</summary>
    public void Truncate(int length)
    {
        Length = Math.Min(Length, length);
        DurableLength = Length;
    }

    /// <summary>The crash: keeps what is durable and the first <paramref name="survivingUnsynced"/> bytes written after it.</summary>
    public void Crash(int survivingUnsynced)
    {
        Length = DurableLength + Math.Min(survivingUnsynced, Length - DurableLength);
        DurableLength = Length;
    }

    public void FlipBit(int offset, int bit)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(offset, Length);
        _data[offset] ^= (byte)(1 << bit);
    }

    public void Overwrite(int offset, ReadOnlySpan<byte> bytes)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset + bytes.Length, Length);
        bytes.CopyTo(_data.AsSpan(offset, bytes.Length));
    }

    /// <summary>A copy of what is on the disk only.</summary>
    public Inode CloneDurable()
    {
        var copy = new Inode();
        copy.Append(_data.AsSpan(0, DurableLength));
        copy.Sync();
        return copy;
    }
}
