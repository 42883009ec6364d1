using System.Security.Cryptography;
using DarkPool.Enclave.Storage;
using L = DarkPool.Enclave.Journal.JournalRecordLayout;

namespace DarkPool.Enclave.Journal.Internal;

/// <summary>
/// A stretch of one segment file in memory during recovery: the bytes [<see cref="FileOffset"/>, + <see cref="Length"/>),
/// the record frames delimited in it (pass 1: each header's CRC, reserved field, length and sequence, in order, up to
/// the first problem or torn record), and what opening them found (pass 2: chain hashes, and tags, the payloads being
/// decrypted in place). Recovery reads a segment as a run of windows of about <see cref="TargetBytes"/> and at most
/// <see cref="MaxFrames"/> frames each, two windows taking turns, so that a segment of any size needs two small buffers
/// and the next window is read and opened while the current one is replayed. A window ends before a frame that does
/// not fit whole; the next one starts with it (the bytes carried over, never decrypted). Whether a record is torn
/// depends on the end of the file, so a window that meets a damaged-looking header before the end reads the rest of the
/// file first. Not thread-safe: one thread at a time fills or replays a window.
/// </summary>
internal sealed class SegmentWindow
{
    /// <summary>At most this many frames in a window (the chunk the opening threads share).</summary>
    public const int MaxFrames = 4096;

    /// <summary>A window is filled up to this many bytes, or more when one frame is longer.</summary>
    public const int TargetBytes = 2 * 1024 * 1024;

    private byte[] _buffer = [];
    private int _highWater;
    private byte[] _prepared = [];
    private int _preparedSize;
    private int _preparedHighWater;

    public byte[] Buffer => _buffer;

    /// <summary>Buffer offsets of the delimited frames.</summary>
    public int[] Offsets { get; } = new int[MaxFrames];

    public ChunkResults Results { get; } = new(MaxFrames);

    /// <summary>The file offset of the window's first byte.</summary>
    public long FileOffset { get; private set; }

    /// <summary>Bytes held.</summary>
    public int Length { get; private set; }

    /// <summary>Whether the window reaches the end of the file.</summary>
    public bool AtEnd { get; private set; }

    /// <summary>Frames delimited, from <see cref="FirstSequence"/> on.</summary>
    public int Frames { get; private set; }

    public long FirstSequence { get; private set; }

    /// <summary>The buffer offset just after the last delimited frame: where the next window starts.</summary>
    public int Consumed { get; private set; }

    /// <summary>No frame of the segment follows this window's: the end of the file, a torn record or a problem.</summary>
    public bool Last { get; private set; }

    /// <summary>What pass 1 found wrong after the delimited frames; reported once they are replayed.</summary>
    public JournalLoadException? Problem { get; private set; }

    /// <summary>The torn record that ends the newest segment, if this window reached it.</summary>
    public TornTail? Torn { get; private set; }

    /// <summary>The whole frame at <paramref name="index"/>.</summary>
    public Span<byte> Frame(int index)
    {
        int offset = Offsets[index];
        return _buffer.AsSpan(offset, L.Overhead + (int)RecordFrame.PayloadLength(_buffer.AsSpan(offset)));
    }

    /// <summary>The bytes prepared for the frame at <paramref name="index"/> (<see cref="IPreparingReplayTarget"/>).</summary>
    public Span<byte> PreparedFor(int index) => _prepared.AsSpan(index * _preparedSize, _preparedSize);

    /// <summary>
    /// Hands the authentic frames at or after <paramref name="from"/> (a sequence) to <paramref name="preparer"/>, in
    /// order, each with its own <paramref name="size"/> bytes of prepared data.
    /// </summary>
    public void Prepare(IJournalRecordPreparer preparer, int size, long from)
    {
        if (_prepared.Length < MaxFrames * size)
        {
            _prepared = new byte[MaxFrames * size];
        }

        _preparedSize = size;
        for (int i = (int)Math.Clamp(from - FirstSequence, 0, Frames); i < Frames; i++)
        {
            if (Results.Authentic[i])
            {
                Span<byte> frame = Frame(i);
                preparer.Prepare(FirstSequence + i, frame.Slice(L.HeaderSize, frame.Length - L.Overhead), PreparedFor(i));
                _preparedHighWater = Math.Max(_preparedHighWater, (i + 1) * size);
            }
        }
    }

    /// <summary>
    /// Reads the window that follows <paramref name="previous"/> (the first one after the segment header when null) and
    /// delimits its frames, the first of which must be <paramref name="firstSequence"/>.
    /// </summary>
    public void Fill(IReadableFile file, long fileLength, SegmentWindow? previous, string name, long firstSequence, bool newest)
    {
        int carry = 0;
        if (previous is null)
        {
            FileOffset = SegmentLayout.HeaderSize;
        }
        else
        {
            FileOffset = previous.FileOffset + previous.Consumed;
            carry = previous.Length - previous.Consumed;
        }

        Length = 0;
        EnsureCapacity(Math.Max(TargetBytes, carry));
        if (carry > 0)
        {
            previous!._buffer.AsSpan(previous.Consumed, carry).CopyTo(_buffer);
        }

        Length = carry;
        _highWater = Math.Max(_highWater, Length);
        AtEnd = FileOffset + Length >= fileLength;
        ReadUpTo(file, fileLength, TargetBytes);
        Delimit(file, fileLength, name, firstSequence, newest);
    }

    /// <summary>Clears every byte the window held (plaintext and prepared data included).</summary>
    public void Clear()
    {
        CryptographicOperations.ZeroMemory(_buffer.AsSpan(0, _highWater));
        CryptographicOperations.ZeroMemory(_prepared.AsSpan(0, _preparedHighWater));
        _highWater = 0;
        _preparedHighWater = 0;
        Length = 0;
        Frames = 0;
    }

    private void Delimit(IReadableFile file, long fileLength, string name, long firstSequence, bool newest)
    {
        FirstSequence = firstSequence;
        Frames = 0;
        Problem = null;
        Torn = null;
        Last = false;
        int offset = 0;
        while (Frames < MaxFrames)
        {
            if (offset == Length && AtEnd)
            {
                Last = true;
                break;
            }

            long sequence = firstSequence + Frames;
            long at = FileOffset + offset;
            int frameLength = MeasureFrame(_buffer.AsSpan(offset, Length - offset), AtEnd, name, at, out JournalLoadException? problem, out int wanted);
            if (problem is not null)
            {
                Problem = problem;
                Last = true;
                break;
            }

            if (frameLength < 0)
            {
                if (Frames > 0)
                {
                    // The next window starts with this frame.
                    break;
                }

                ReadUpTo(file, fileLength, wanted < 0 ? checked((int)(fileLength - FileOffset)) : Math.Max(wanted, Length + TargetBytes));
                continue;
            }

            if (frameLength == 0)
            {
                if (newest)
                {
                    Torn = new TornTail(name, at, fileLength - at);
                }
                else
                {
                    Problem = new JournalLoadException(
                        JournalErrorKind.TruncatedRecord, name, at, $"{name} at offset {at}: record {sequence} is cut short, and a newer segment follows.");
                }

                Last = true;
                break;
            }

            ulong found = RecordFrame.Sequence(_buffer.AsSpan(offset));
            if (found != (ulong)sequence)
            {
                Problem = new JournalLoadException(
                    JournalErrorKind.SequenceGap, name, at, $"{name} at offset {at}: found record {found} where record {sequence} should be.");
                Last = true;
                break;
            }

            Offsets[Frames++] = offset;
            offset += frameLength;
        }

        Consumed = offset;
    }

    /// <summary>
    /// The frame length from a record's clear header; 0 for a torn record (one cut short by the end of the file, or never
    /// written: zeros to the end); −1 when the window does not reach far enough to tell, <paramref name="wanted"/> then
    /// being the window length needed (−1: the rest of the file). A complete header that is wrong is damage.
    /// </summary>
    private static int MeasureFrame(ReadOnlySpan<byte> rest, bool atEnd, string name, long offset, out JournalLoadException? problem, out int wanted)
    {
        problem = null;
        wanted = 0;
        if (rest.Length < L.HeaderSize)
        {
            wanted = L.HeaderSize;
            return atEnd ? 0 : -1;
        }

        if (!RecordFrame.ChecksumMatches(rest))
        {
            if (!atEnd)
            {
                // Torn (zeros to the end of the file) or damaged: only the rest of the file tells.
                wanted = -1;
                return -1;
            }

            if (!rest.ContainsAnyExcept((byte)0))
            {
                return 0;
            }

            problem = new JournalLoadException(JournalErrorKind.CorruptRecord, name, offset, $"{name} at offset {offset}: the record header fails its checksum.");
            return 0;
        }

        uint payloadLength = RecordFrame.PayloadLength(rest);
        if (RecordFrame.Reserved(rest) != 0 || payloadLength > L.MaxPayloadLength)
        {
            problem = new JournalLoadException(JournalErrorKind.CorruptRecord, name, offset, $"{name} at offset {offset}: the record header has an impossible length or reserved field.");
            return 0;
        }

        int frameLength = L.Overhead + (int)payloadLength;
        if (frameLength <= rest.Length)
        {
            return frameLength;
        }

        wanted = frameLength;
        return atEnd ? 0 : -1;
    }

    /// <summary>Reads on until the window holds <paramref name="target"/> bytes or reaches the end of the file.</summary>
    private void ReadUpTo(IReadableFile file, long fileLength, int target)
    {
        long available = fileLength - (FileOffset + Length);
        int want = (int)Math.Min(available, (long)target - Length);
        if (want > 0)
        {
            EnsureCapacity(Length + want);
            int read = 0;
            while (read < want)
            {
                int n = file.Read(FileOffset + Length + read, _buffer.AsSpan(Length + read, want - read));
                if (n <= 0)
                {
                    break;
                }

                read += n;
            }

            Length += read;
            _highWater = Math.Max(_highWater, Length);
            if (read < want)
            {
                // The file is shorter than it said: what there is ends it.
                AtEnd = true;
                return;
            }
        }

        AtEnd = FileOffset + Length >= fileLength;
    }

    private void EnsureCapacity(int bytes)
    {
        if (_buffer.Length >= bytes)
        {
            return;
        }

        byte[] bigger = new byte[Math.Max(bytes, (int)Math.Min(Array.MaxLength, _buffer.Length * 2L))];
        _buffer.AsSpan(0, Length).CopyTo(bigger);
        CryptographicOperations.ZeroMemory(_buffer.AsSpan(0, _highWater));
        _buffer = bigger;
    }
}
