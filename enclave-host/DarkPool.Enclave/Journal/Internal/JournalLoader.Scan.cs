using System.Security.Cryptography;
using DarkPool.Attestation.Identity;
using DarkPool.Enclave.Storage;
using L = DarkPool.Enclave.Journal.JournalRecordLayout;

namespace DarkPool.Enclave.Journal.Internal;

/// <summary>
/// Verifying every record in order, feeding those after the snapshot to the target. A segment is read whole, then:
/// (1) its frames are delimited, each header's CRC, length and sequence checked, in order, stopping at the first
/// problem or torn record; (2) chunk by chunk, every frame is hashed and authenticated (decrypted in place), each
/// record's work being independent; (3) chunk by chunk, in order, each record's previous-hash is compared with its
/// predecessor's hash and the record handed to the target. (2) of the next chunk runs on other threads while this one
/// does (3) of the current chunk (two sets of chunk results, taking turns), so replay costs about the larger of the two
/// rather than their sum. A problem found in (2) or (3) at an earlier record is reported before one found in (1) at a
/// later record, so the error names the first damaged place in the file.
/// </summary>
internal sealed partial class JournalLoader
{
    private const int ChunkFrames = 4096;
    private const int ParallelThreshold = 256;
    private byte[] _segmentBuffer = [];
    private int[] _frameOffsets = new int[1024];
    private readonly ChunkResults[] _chunks = [new(ChunkFrames), new(ChunkFrames)];

    private ScanResult Scan(List<OpenedSegment> segments, OpenedSnapshot? chosen, List<OpenedSnapshot> snapshots)
    {
        var checkpoints = snapshots.ToDictionary(s => s.Content.Position);
        var cursor = new ScanCursor(segments[0].Header.FirstSequence, chosen?.Content.Position ?? 0, checkpoints);
        segments[0].Header.PreviousHash.CopyTo(cursor.Chain);
        if (cursor.Expected == 1 && !segments[0].Header.PreviousHash.IsZero)
        {
            throw new JournalLoadException(
                JournalErrorKind.BrokenChain, segments[0].Name, SegmentLayout.SealedOffset, $"{segments[0].Name} at offset {SegmentLayout.SealedOffset}: the first segment starts at record 1 but its previous-record hash is not zero.");
        }

        CheckCheckpoint(checkpoints, cursor.Expected - 1, cursor.Chain, segments[0].Name, SegmentLayout.SealedOffset);
        var entries = new List<SegmentEntry>(segments.Count);
        TornTail? torn = null;
        for (int i = 0; i < segments.Count; i++)
        {
            OpenedSegment segment = segments[i];
            CheckSegmentStart(segment, cursor);
            int length = ReadSegment(segment.Name);
            try
            {
                bool newest = i == segments.Count - 1 && _tornSegment is null;
                long first = cursor.Expected;
                int frames = DelimitFrames(_segmentBuffer.AsSpan(0, length), segment.Name, first, newest, out JournalLoadException? problem, out torn);
                ScanChunks(segment, first, frames, cursor);

                if (problem is not null)
                {
                    throw problem;
                }
            }
            finally
            {
                CryptographicOperations.ZeroMemory(_segmentBuffer.AsSpan(0, length));
            }

            entries.Add(new SegmentEntry(segment.Name, segment.Header.FirstSequence, cursor.Expected - 1, segment.Header.Counter));
        }

        long last = cursor.Expected - 1;
        if (last > 0 && _ring.Newest != last)
        {
            // Every record of the journal is covered by the snapshot (or pruned): the chain hash comes from the segment header.
            _ring.Set(last, cursor.Chain);
        }

        foreach (OpenedSnapshot snapshot in snapshots)
        {
            if (snapshot.Content.Position > last)
            {
                throw new JournalLoadException(
                    JournalErrorKind.SnapshotMismatch, snapshot.Name, SnapshotLayout.SealedOffset, $"{snapshot.Name} at offset {SnapshotLayout.SealedOffset}: the snapshot is at position {snapshot.Content.Position}, past the journal's last record {last}.");
            }
        }

        return new ScanResult(entries, new JournalHead(last, new Sha256Hash(cursor.Chain)), cursor.Replayed, torn);
    }

    private static void CheckSegmentStart(OpenedSegment segment, ScanCursor cursor)
    {
        string name = segment.Name;
        if (segment.Header.FirstSequence != cursor.Expected)
        {
            throw new JournalLoadException(
                JournalErrorKind.SequenceGap, name, SegmentLayout.SealedOffset, $"{name} at offset {SegmentLayout.SealedOffset}: the segment starts at record {segment.Header.FirstSequence}, but the next record is {cursor.Expected}.");
        }

        if (!segment.Header.PreviousHash.Matches(cursor.Chain))
        {
            throw new JournalLoadException(
                JournalErrorKind.BrokenChain, name, SegmentLayout.SealedOffset, $"{name} at offset {SegmentLayout.SealedOffset}: the segment's previous-record hash is not the hash of record {cursor.Expected - 1}.");
        }
    }

    /// <summary>Pass 1: the offsets of the frames whose header, length and sequence are right, in order.</summary>
    private int DelimitFrames(ReadOnlySpan<byte> bytes, string name, long firstSequence, bool newest, out JournalLoadException? problem, out TornTail? torn)
    {
        problem = null;
        torn = null;
        int count = 0;
        int offset = SegmentLayout.HeaderSize;
        while (offset < bytes.Length && problem is null)
        {
            ReadOnlySpan<byte> rest = bytes[offset..];
            long sequence = firstSequence + count;
            int frameLength = MeasureFrame(rest, name, offset, out problem);
            if (problem is not null)
            {
                break;
            }

            if (frameLength == 0)
            {
                if (newest)
                {
                    torn = new TornTail(name, offset, bytes.Length - offset);
                }
                else
                {
                    problem = new JournalLoadException(
                        JournalErrorKind.TruncatedRecord, name, offset, $"{name} at offset {offset}: record {sequence} is cut short, and a newer segment follows.");
                }

                break;
            }

            ulong found = RecordFrame.Sequence(rest);
            if (found != (ulong)sequence)
            {
                problem = new JournalLoadException(
                    JournalErrorKind.SequenceGap, name, offset, $"{name} at offset {offset}: found record {found} where record {sequence} should be.");
                break;
            }

            if (count == _frameOffsets.Length)
            {
                Array.Resize(ref _frameOffsets, count * 2);
            }

            _frameOffsets[count++] = offset;
            offset += frameLength;
        }

        return count;
    }

    /// <summary>
    /// The frame length from a record's clear header, or 0 for a torn record: one cut short by the end of the file, or
    /// never written (zeros to the end). A complete header that is wrong is damage.
    /// </summary>
    private static int MeasureFrame(ReadOnlySpan<byte> rest, string name, long offset, out JournalLoadException? problem)
    {
        problem = null;
        if (rest.Length < L.HeaderSize)
        {
            return 0;
        }

        if (!RecordFrame.ChecksumMatches(rest))
        {
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
        return frameLength > rest.Length ? 0 : frameLength;
    }

    /// <summary>
    /// Passes 2 and 3 over frames [0, <paramref name="frames"/>): chunk k + 1 is opened in the background while chunk k is
    /// replayed here. Every background opening is finished before this returns or throws, because the segment buffer it
    /// decrypts in is cleared afterwards.
    /// </summary>
    private void ScanChunks(OpenedSegment segment, long first, int frames, ScanCursor cursor)
    {
        if (frames == 0)
        {
            return;
        }

        byte[] key = segment.Header.Key;
        OpenChunk(key, first, 0, Math.Min(frames, ChunkFrames), _chunks[0], Environment.ProcessorCount);
        Task opening = Task.CompletedTask;
        try
        {
            for (int start = 0, turn = 0; start < frames; start += ChunkFrames, turn ^= 1)
            {
                int end = Math.Min(frames, start + ChunkFrames);
                int nextEnd = Math.Min(frames, end + ChunkFrames);
                if (end < frames)
                {
                    ChunkResults next = _chunks[turn ^ 1];
                    int nextStart = end;
                    opening = Task.Run(() => OpenChunk(key, first, nextStart, nextEnd, next, Environment.ProcessorCount - 1));
                }

                ReplayChunk(segment.Name, start, end, cursor, _chunks[turn]);
                opening.Wait();
            }
        }
        finally
        {
            Finish(opening);
        }
    }

    private static void Finish(Task opening)
    {
        try
        {
            opening.Wait();
        }
        catch (AggregateException)
        {
            // Only reached when replay already failed: that failure is the one reported.
        }
    }

    /// <summary>Pass 2: hashes and authenticates (decrypting in place) frames [start, end), spread over up to <paramref name="threads"/> threads.</summary>
    private void OpenChunk(byte[] key, long firstSequence, int start, int end, ChunkResults results, int threads)
    {
        int count = end - start;
        int workers = count < ParallelThreshold ? 1 : Math.Clamp(threads, 1, 4);
        if (workers == 1)
        {
            OpenRange(key, firstSequence, start, start, end, results);
            return;
        }

        _ = Parallel.For(0, workers, worker =>
            OpenRange(key, firstSequence, start, start + (count * worker / workers), start + (count * (worker + 1) / workers), results));
    }

    private void OpenRange(byte[] key, long firstSequence, int chunkStart, int from, int to, ChunkResults results)
    {
        using var cipher = new RecordCipher(key);
        if (Sha256Lanes.IsSupported)
        {
            // Sixteen frames hashed together (before they are decrypted in place: the chain hash covers the sealed frame).
            var lanes = new Sha256Lanes();
            Span<int> offsets = stackalloc int[Sha256Lanes.Lanes];
            Span<int> lengths = stackalloc int[Sha256Lanes.Lanes];
            for (int group = from; group < to; group += Sha256Lanes.Lanes)
            {
                int count = Math.Min(Sha256Lanes.Lanes, to - group);
                for (int j = 0; j < count; j++)
                {
                    offsets[j] = _frameOffsets[group + j];
                    lengths[j] = L.Overhead + (int)RecordFrame.PayloadLength(_segmentBuffer.AsSpan(offsets[j]));
                }

                lanes.Hash(_segmentBuffer, offsets[..count], lengths[..count], results.Hashes.AsSpan((group - chunkStart) * L.HashSize, count * L.HashSize));
                for (int i = group; i < group + count; i++)
                {
                    results.Authentic[i - chunkStart] = cipher.TryOpenInPlace(FrameAt(i), firstSequence + i);
                }
            }

            return;
        }

        using var hasher = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (int i = from; i < to; i++)
        {
            Span<byte> frame = FrameAt(i);
            hasher.AppendData(frame);
            _ = hasher.TryGetHashAndReset(results.Hashes.AsSpan((i - chunkStart) * L.HashSize, L.HashSize), out _);
            results.Authentic[i - chunkStart] = cipher.TryOpenInPlace(frame, firstSequence + i);
        }
    }

    /// <summary>Pass 3: in order, checks each record's link to its predecessor and hands it over.</summary>
    private void ReplayChunk(string name, int start, int end, ScanCursor cursor, ChunkResults results)
    {
        for (int i = start; i < end; i++)
        {
            int offset = _frameOffsets[i];
            long sequence = cursor.Expected;
            Span<byte> frame = FrameAt(i);
            if (!RecordFrame.PreviousHash(frame).SequenceEqual(cursor.Chain))
            {
                throw new JournalLoadException(
                    JournalErrorKind.BrokenChain, name, offset, $"{name} at offset {offset}: record {sequence} does not carry the hash of record {sequence - 1}.");
            }

            if (!results.Authentic[i - start])
            {
                throw new JournalLoadException(
                    JournalErrorKind.CorruptRecord, name, offset, $"{name} at offset {offset}: record {sequence} fails authentication (damaged or altered).");
            }

            results.Hashes.AsSpan((i - start) * L.HashSize, L.HashSize).CopyTo(cursor.Chain);
            _ring.Set(sequence, cursor.Chain);
            CheckCheckpoint(cursor.Checkpoints, sequence, cursor.Chain, name, offset);
            if (sequence > cursor.SnapshotPosition)
            {
                try
                {
                    _target.Replay(sequence, frame.Slice(L.HeaderSize, frame.Length - L.Overhead));
                }
                catch (InvalidDataException e)
                {
                    throw new JournalLoadException(
                        JournalErrorKind.ReplayRefused, name, offset, $"{name} at offset {offset}: record {sequence} was refused on replay: {e.Message}");
                }
                cursor.Replayed++;
            }

            cursor.Expected++;
        }
    }

    private Span<byte> FrameAt(int index)
    {
        int offset = _frameOffsets[index];
        int length = L.Overhead + (int)RecordFrame.PayloadLength(_segmentBuffer.AsSpan(offset));
        return _segmentBuffer.AsSpan(offset, length);
    }

    private static void CheckCheckpoint(Dictionary<long, OpenedSnapshot> checkpoints, long position, ReadOnlySpan<byte> chain, string name, long offset)
    {
        if (position > 0 && checkpoints.TryGetValue(position, out OpenedSnapshot? snapshot) && !snapshot.Content.ChainHash.Matches(chain))
        {
            throw new JournalLoadException(
                JournalErrorKind.SnapshotMismatch,
                snapshot.Name,
                SnapshotLayout.SealedOffset,
                $"{snapshot.Name} at offset {SnapshotLayout.SealedOffset}: the snapshot's chain hash at position {position} is not the journal's "
                + $"({name} at offset {offset}); it belongs to another history of this journal.");
        }
    }

    private int ReadSegment(string name)
    {
        using IReadableFile file = _folder.OpenRead(name);
        int length = checked((int)file.Length);
        if (_segmentBuffer.Length < length)
        {
            _segmentBuffer = new byte[length];
        }

        return ReadFully(file, 0, _segmentBuffer.AsSpan(0, length));
    }
}
