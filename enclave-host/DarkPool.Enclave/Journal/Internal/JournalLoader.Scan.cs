using System.Security.Cryptography;
using DarkPool.Attestation.Identity;
using DarkPool.Enclave.Storage;
using L = DarkPool.Enclave.Journal.JournalRecordLayout;

namespace DarkPool.Enclave.Journal.Internal;

/// <summary>
/// Verifying every record in order, feeding those after the snapshot to the target. A segment is read as a run of
/// windows (<see cref="SegmentWindow"/>), each: (1) read, its frames delimited and each header's CRC, length and
/// sequence checked, in order, stopping at the first problem or torn record; (2) every frame hashed and authenticated
/// (decrypted in place), each record's work being independent; (3) in order, each record's previous-hash compared with
/// its predecessor's hash and the record handed to the target. (1) and (2) of the next window run on other threads while
/// this one does (3) of the current window (two windows taking turns), so replay costs about the larger of the two
/// rather than their sum, and reading the file is overlapped too. A problem found in (2) or (3) at an earlier record is
/// reported before one found in (1) at a later record, so the error names the first damaged place in the file.
/// </summary>
internal sealed partial class JournalLoader
{
    private const int ParallelThreshold = 256;
    private readonly SegmentWindow[] _windows = [new(), new()];

    private ScanResult Scan(List<OpenedSegment> segments, OpenedSnapshot? chosen, List<OpenedSnapshot> snapshots)
    {
        using IJournalRecordPreparer? preparer = (_target as IPreparingReplayTarget)?.BeginPreparing();
        return Scan(segments, chosen, snapshots, preparer);
    }

    private ScanResult Scan(List<OpenedSegment> segments, OpenedSnapshot? chosen, List<OpenedSnapshot> snapshots, IJournalRecordPreparer? preparer)
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
            bool newest = i == segments.Count - 1 && _tornSegment is null;
            torn = ScanSegment(segment, cursor, newest, preparer);
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

    /// <summary>
    /// Passes 1 to 3 over one segment: window k + 1 is read, delimited and opened in the background while window k is
    /// replayed here. The background work is finished before this returns or throws, and both windows are cleared
    /// (they hold plaintext). Returns the torn record that ends the newest segment, if any.
    /// </summary>
    private TornTail? ScanSegment(OpenedSegment segment, ScanCursor cursor, bool newest, IJournalRecordPreparer? preparer)
    {
        string name = segment.Name;
        byte[] key = segment.Header.Key;
        using IReadableFile file = _folder.OpenRead(name);
        long fileLength = file.Length;
        long snapshotPosition = cursor.SnapshotPosition;
        Task filling = Task.CompletedTask;
        try
        {
            SegmentWindow current = _windows[0];
            current.Fill(file, fileLength, null, name, cursor.Expected, newest);
            OpenWindow(key, current, Environment.ProcessorCount);
            PrepareWindow(current, preparer, snapshotPosition);
            for (int turn = 1; ; turn ^= 1)
            {
                SegmentWindow next = _windows[turn];
                if (!current.Last)
                {
                    SegmentWindow previous = current;
                    long nextFirst = current.FirstSequence + current.Frames;
                    filling = Task.Run(() =>
                    {
                        next.Fill(file, fileLength, previous, name, nextFirst, newest);
                        OpenWindow(key, next, Environment.ProcessorCount - 1);
                        PrepareWindow(next, preparer, snapshotPosition);
                    });
                }

                ReplayWindow(name, current, cursor, preparer is not null);
                if (current.Problem is not null)
                {
                    throw current.Problem;
                }

                if (current.Last)
                {
                    return current.Torn;
                }

                filling.GetAwaiter().GetResult();
                current = next;
            }
        }
        finally
        {
            Finish(filling);
            foreach (SegmentWindow window in _windows)
            {
                window.Clear();
            }
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

    /// <summary>Pass 2: hashes and authenticates (decrypting in place) a window's frames, spread over up to <paramref name="threads"/> threads.</summary>
    private static void OpenWindow(byte[] key, SegmentWindow window, int threads)
    {
        int count = window.Frames;
        int workers = count < ParallelThreshold ? 1 : Math.Clamp(threads, 1, 4);
        if (workers == 1)
        {
            OpenRange(key, window, 0, count);
            return;
        }

        _ = Parallel.For(0, workers, worker => OpenRange(key, window, count * worker / workers, count * (worker + 1) / workers));
    }

    private static void OpenRange(byte[] key, SegmentWindow window, int from, int to)
    {
        using var cipher = new RecordCipher(key);
        ChunkResults results = window.Results;
        long firstSequence = window.FirstSequence;
        if (Sha256Lanes.IsSupported)
        {
            // Sixteen frames hashed together (before they are decrypted in place: the chain hash covers the sealed frame).
            var lanes = new Sha256Lanes();
            Span<int> lengths = stackalloc int[Sha256Lanes.Lanes];
            for (int group = from; group < to; group += Sha256Lanes.Lanes)
            {
                int count = Math.Min(Sha256Lanes.Lanes, to - group);
                ReadOnlySpan<int> offsets = window.Offsets.AsSpan(group, count);
                for (int j = 0; j < count; j++)
                {
                    lengths[j] = L.Overhead + (int)RecordFrame.PayloadLength(window.Buffer.AsSpan(offsets[j]));
                }

                lanes.Hash(window.Buffer, offsets, lengths[..count], results.Hashes.AsSpan(group * L.HashSize, count * L.HashSize));
                for (int i = group; i < group + count; i++)
                {
                    results.Authentic[i] = cipher.TryOpenInPlace(window.Frame(i), firstSequence + i);
                }
            }

            return;
        }

        using var hasher = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (int i = from; i < to; i++)
        {
            Span<byte> frame = window.Frame(i);
            hasher.AppendData(frame);
            _ = hasher.TryGetHashAndReset(results.Hashes.AsSpan(i * L.HashSize, L.HashSize), out _);
            results.Authentic[i] = cipher.TryOpenInPlace(frame, firstSequence + i);
        }
    }

    /// <summary>Pass 2, last: the records to be replayed handed to the target's preparer, in order, on this same thread.</summary>
    private void PrepareWindow(SegmentWindow window, IJournalRecordPreparer? preparer, long snapshotPosition)
    {
        if (preparer is not null)
        {
            window.Prepare(preparer, ((IPreparingReplayTarget)_target).PreparedSize, snapshotPosition + 1);
        }
    }

    /// <summary>Pass 3: in order, checks each record's link to its predecessor and hands it over.</summary>
    private void ReplayWindow(string name, SegmentWindow window, ScanCursor cursor, bool prepared)
    {
        ChunkResults results = window.Results;
        for (int i = 0; i < window.Frames; i++)
        {
            long offset = window.FileOffset + window.Offsets[i];
            long sequence = cursor.Expected;
            Span<byte> frame = window.Frame(i);
            if (!RecordFrame.PreviousHash(frame).SequenceEqual(cursor.Chain))
            {
                throw new JournalLoadException(
                    JournalErrorKind.BrokenChain, name, offset, $"{name} at offset {offset}: record {sequence} does not carry the hash of record {sequence - 1}.");
            }

            if (!results.Authentic[i])
            {
                throw new JournalLoadException(
                    JournalErrorKind.CorruptRecord, name, offset, $"{name} at offset {offset}: record {sequence} fails authentication (damaged or altered).");
            }

            results.Hashes.AsSpan(i * L.HashSize, L.HashSize).CopyTo(cursor.Chain);
            _ring.Set(sequence, cursor.Chain);
            CheckCheckpoint(cursor.Checkpoints, sequence, cursor.Chain, name, offset);
            if (sequence > cursor.SnapshotPosition)
            {
                try
                {
                    ReadOnlySpan<byte> payload = frame.Slice(L.HeaderSize, frame.Length - L.Overhead);
                    if (prepared)
                    {
                        ((IPreparingReplayTarget)_target).ReplayPrepared(sequence, payload, window.PreparedFor(i));
                    }
                    else
                    {
                        _target.Replay(sequence, payload);
                    }
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
}
