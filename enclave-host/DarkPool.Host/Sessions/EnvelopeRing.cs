using System.Buffers.Binary;
using System.Numerics;

namespace DarkPool.Host.Sessions;

// Design:
// The event logs retain every answer for minutes so a client can resume a dropped stream. Kept per session (a queue and
// chunks of its own for each log, sessions 1-24), that memory grew with every busy session until its log was full: at
// 20,000 answers/s with 512 sessions the logs took ~100 s to fill, and all that while the server allocated fresh chunks
// (page faults on first touch, large-object allocations that start full collections) and queue segments that young
// collections copied and promoted. One run with 16-answer logs instead of 4,096 cost 10 us less CPU per answer
// (docs/PERFORMANCE.md). So the retained bytes of every log of a hub live in one ring allocated at start, written
// front to back and overwritten oldest first when it wraps, as an Aeron term buffer is: nothing is allocated per answer,
// and the collector sees one array. A log keeps no index either: each record names the position of its log's previous
// record, so a log is the position of its newest record, and a resume walks back from there (resumes are rare; answers
// are not).
//
// Writers never wait for one another: a record's place is reserved by one atomic add on the ring's position, then its
// bytes are copied in (a lock here would stall every session's answers, and the sequencer's deliveries, whenever the
// thread holding it is preempted, thousands of times a second on a busy two-core machine). Readers take nothing either:
// a reader copies a record out and then checks that nobody has reserved its bytes again since (the reservation happens
// before any write, so a record read before the check was not being overwritten), and checks the CRC-32C the writer
// put in its header, which also catches the one case the position cannot: a writer descheduled for a whole lap of the
// ring that writes its stale record late, over newer ones. A record that fails either check was overwritten: for the
// log, "no longer retained". The ring holds ciphertext only (the answers' sealed envelopes and their clear headers).

/// <summary>
/// One preallocated ring holding the retained envelopes of every session log of a hub; writers reserve with an atomic
/// add and never wait, readers learn whether what they copied was overwritten meanwhile. Thread-safe.
/// </summary>
public sealed class EnvelopeRing
{
    /// <summary>The smallest ring: 64 KiB.</summary>
    public const int MinimumCapacity = 64 * 1024;

    /// <summary>
    /// A record's header: its position (8), the position of its log's previous record (8), when it was added (8), its
    /// sequence (8), its envelope's length (4), and the CRC-32C of all that and the envelope (4).
    /// </summary>
    public const int HeaderSize = 40;

    /// <summary>Where a record would be that does not exist (a log's first record names it as its previous).</summary>
    public const long None = -1;

    private const int CrcOffset = HeaderSize - sizeof(uint);

    private readonly byte[] _buffer;
    private long _reserved;

    /// <summary>A ring of <paramref name="capacity"/> bytes (allocated now, paged in as it is first written).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Below <see cref="MinimumCapacity"/> or beyond the largest array.</exception>
    public EnvelopeRing(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, MinimumCapacity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, Array.MaxLength);
        _buffer = GC.AllocateUninitializedArray<byte>(capacity);
    }

    /// <summary>The ring's size in bytes.</summary>
    public int Capacity => _buffer.Length;

    /// <summary>The largest envelope a record can hold (an eighth of the ring, far above any envelope's size).</summary>
    public int MaxEnvelopeLength => (_buffer.Length / 8) - HeaderSize;

    /// <summary>How many bytes have been reserved since the ring was made (positions below this minus the capacity are gone).</summary>
    public long Written => Volatile.Read(ref _reserved);

    /// <summary>What a record's header says about it.</summary>
    /// <param name="Previous">The position of the same log's previous record, or <see cref="None"/>.</param>
    /// <param name="Added">When it was added (a <see cref="TimeProvider.GetTimestamp"/> value).</param>
    /// <param name="Sequence">The envelope's sequence number.</param>
    public readonly record struct Record(long Previous, long Added, ulong Sequence);

    /// <summary>Copies <paramref name="envelope"/> in as a record and returns its position.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The envelope is longer than <see cref="MaxEnvelopeLength"/>.</exception>
    public long Append(long previous, long added, ulong sequence, ReadOnlySpan<byte> envelope)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(envelope.Length, MaxEnvelopeLength, nameof(envelope));
        int size = HeaderSize + envelope.Length;
        long position = Interlocked.Add(ref _reserved, size) - size;

        Span<byte> header = stackalloc byte[HeaderSize];
        BinaryPrimitives.WriteInt64LittleEndian(header, position);
        BinaryPrimitives.WriteInt64LittleEndian(header[8..], previous);
        BinaryPrimitives.WriteInt64LittleEndian(header[16..], added);
        BinaryPrimitives.WriteUInt64LittleEndian(header[24..], sequence);
        BinaryPrimitives.WriteInt32LittleEndian(header[32..], envelope.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[CrcOffset..], Crc(Crc(0, header[..CrcOffset]), envelope));
        CopyIn(position, header);
        CopyIn(position + HeaderSize, envelope);
        return position;
    }

    /// <summary>
    /// Reads the record at <paramref name="position"/> into a new array; false when it was overwritten (or never
    /// written: a position this ring did not return).
    /// </summary>
    public bool TryRead(long position, out Record record, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out byte[]? envelope)
    {
        record = default;
        envelope = null;
        Span<byte> header = stackalloc byte[HeaderSize];
        if (!IsInRing(position, HeaderSize))
        {
            return false;
        }

        CopyOut(position, header);
        int length = BinaryPrimitives.ReadInt32LittleEndian(header[32..]);
        if (BinaryPrimitives.ReadInt64LittleEndian(header) != position || length < 0 || length > MaxEnvelopeLength
            || !IsInRing(position, HeaderSize + length))
        {
            return false;
        }

        byte[] bytes = new byte[length];
        CopyOut(position + HeaderSize, bytes);
        if (Crc(Crc(0, header[..CrcOffset]), bytes) != BinaryPrimitives.ReadUInt32LittleEndian(header[CrcOffset..]) || !Intact(position))
        {
            return false;
        }

        record = new Record(
            BinaryPrimitives.ReadInt64LittleEndian(header[8..]),
            BinaryPrimitives.ReadInt64LittleEndian(header[16..]),
            BinaryPrimitives.ReadUInt64LittleEndian(header[24..]));
        envelope = bytes;
        return true;
    }

    /// <summary>Writes <paramref name="bytes"/> at <paramref name="position"/> without reserving it: a writer that lapped (tests).</summary>
    internal void WriteLate(long position, ReadOnlySpan<byte> bytes) => CopyIn(position, bytes);

    /// <summary>
    /// After the bytes were copied out: true when nobody reserved the record's place again (every writer reserves before
    /// it writes, so none was writing over what was copied).
    /// </summary>
    private bool Intact(long position)
    {
        Interlocked.MemoryBarrier();
        return Volatile.Read(ref _reserved) - _buffer.Length <= position;
    }

    /// <summary>Whether [position, position + length) was reserved and not yet reserved again.</summary>
    private bool IsInRing(long position, int length)
    {
        long reserved = Volatile.Read(ref _reserved);
        return position >= 0 && position + length <= reserved && reserved - _buffer.Length <= position;
    }

    private void CopyIn(long position, ReadOnlySpan<byte> bytes)
    {
        int offset = (int)(position % _buffer.Length);
        int first = Math.Min(bytes.Length, _buffer.Length - offset);
        bytes[..first].CopyTo(_buffer.AsSpan(offset));
        bytes[first..].CopyTo(_buffer);
    }

    private void CopyOut(long position, Span<byte> destination)
    {
        int offset = (int)(position % _buffer.Length);
        int first = Math.Min(destination.Length, _buffer.Length - offset);
        _buffer.AsSpan(offset, first).CopyTo(destination);
        _buffer.AsSpan(0, destination.Length - first).CopyTo(destination[first..]);
    }

    private static uint Crc(uint crc, ReadOnlySpan<byte> bytes)
    {
        while (bytes.Length >= sizeof(ulong))
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(bytes));
            bytes = bytes[sizeof(ulong)..];
        }

        foreach (byte b in bytes)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return crc;
    }
}
