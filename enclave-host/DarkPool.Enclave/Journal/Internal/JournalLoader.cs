using System.Security.Cryptography;
using DarkPool.Enclave.Platform;
using DarkPool.Enclave.Sealing;
using DarkPool.Enclave.Storage;

namespace DarkPool.Enclave.Journal.Internal;

/// <summary>
/// Recovery (docs/STORAGE.md, "Recovery"): list the folder, unseal every segment header and snapshot, check
/// freshness against the monotonic counter, restore the newest readable snapshot, verify and replay every record,
/// then repair what a crash leaves behind (a torn tail, a half-created segment, snapshot temporaries). Anything else
/// that is wrong throws <see cref="JournalLoadException"/> naming the file and offset. Runs once, on one thread.
/// </summary>
internal sealed partial class JournalLoader
{
    private readonly IDataFolder _folder;
    private readonly Sealer _sealer;
    private readonly IEnclavePlatform _platform;
    private readonly IJournalReplayTarget _target;
    private readonly HashRing _ring;
    private readonly List<string> _removed = [];
    private readonly List<SkippedSnapshot> _skipped = [];
    private string? _tornSegment;

    public JournalLoader(IDataFolder folder, Sealer sealer, IEnclavePlatform platform, IJournalReplayTarget target, HashRing ring)
    {
        _ring = ring;
        _folder = folder;
        _sealer = sealer;
        _platform = platform;
        _target = target;
    }

    public LoadedJournal Load()
    {
        var segmentNames = new List<(string Name, long First, ulong Counter)>();
        var snapshotNames = new List<(string Name, long Position)>();
        var temporaries = new List<string>();
        foreach (string name in _folder.ListFiles())
        {
            if (!JournalFileNames.IsOurs(name))
            {
                continue;
            }

            if (JournalFileNames.IsTemporary(name))
            {
                temporaries.Add(name);
            }
            else if (JournalFileNames.TryParseSegment(name, out long first, out ulong counter))
            {
                segmentNames.Add((name, first, counter));
            }
            else if (JournalFileNames.TryParseSnapshot(name, out long position))
            {
                snapshotNames.Add((name, position));
            }
            else
            {
                throw new JournalLoadException(JournalErrorKind.ForeignFile, name, -1, $"{name} is named like a journal file but is not one.");
            }
        }

        segmentNames.Sort((a, b) => a.First != b.First ? a.First.CompareTo(b.First) : a.Counter.CompareTo(b.Counter));
        snapshotNames.Sort((a, b) => b.Position.CompareTo(a.Position));
        List<OpenedSegment> segments = ReadSegmentHeaders(segmentNames);
        List<OpenedSnapshot> snapshots = ReadSnapshots(snapshotNames);
        try
        {
            ulong counter = _platform.ReadMonotonicCounter();
            if (segments.Count == 0)
            {
                return CreateNew(snapshots, counter, temporaries);
            }

            CheckJournalId(segments, snapshots);
            bool catchUp = CheckFreshness(segments, snapshots, counter);
            OpenedSnapshot? chosen = ChooseSnapshot(segments[0], snapshots);
            if (chosen is not null)
            {
                try
                {
                    _target.RestoreSnapshot(chosen.Content.Position, chosen.Content.State);
                }
                catch (InvalidDataException e)
                {
                    throw new JournalLoadException(
                        JournalErrorKind.ReplayRefused, chosen.Name, 0, $"{chosen.Name}: the snapshot at position {chosen.Content.Position} does not restore: {e.Message}");
                }
            }

            ScanResult scan = Scan(segments, chosen, snapshots);

            // Everything is verified: repair what a crash leaves, durably, before the journal writes again.
            if (scan.TornTail is not null)
            {
                _folder.Truncate(scan.TornTail.File, scan.TornTail.Offset);
            }

            RemoveDebris(temporaries);
            if (catchUp)
            {
                _ = _platform.IncrementMonotonicCounter();
            }

            return new LoadedJournal
            {
                JournalId = segments[^1].Header.JournalId,
                CreatedNew = false,
                Segments = scan.Segments,
                SnapshotPositions = snapshots.Select(s => s.Content.Position).Order().ToList(),
                Head = scan.Head,
                Snapshot = chosen is null ? null : new SnapshotInfo(chosen.Content.Position, chosen.Name),
                ReplayedRecords = scan.Replayed,
                TornTail = scan.TornTail,
                SkippedSnapshots = _skipped,
                RemovedFiles = _removed,
            };
        }
        finally
        {
            foreach (OpenedSegment segment in segments)
            {
                CryptographicOperations.ZeroMemory(segment.Header.Key);
            }

            foreach (OpenedSnapshot snapshot in snapshots)
            {
                snapshot.Content.Clear();
            }
        }
    }

    private LoadedJournal CreateNew(List<OpenedSnapshot> snapshots, ulong counter, List<string> temporaries)
    {
        if (snapshots.Count > 0 || _skipped.Count > 0)
        {
            string file = snapshots.Count > 0 ? snapshots[0].Name : _skipped[0].File;
            throw new JournalLoadException(JournalErrorKind.MissingJournal, file, -1, $"The data folder holds snapshots ({file}) but no journal segment.");
        }

        if (counter != 0)
        {
            throw new JournalLoadException(
                JournalErrorKind.MissingJournal,
                null,
                -1,
                $"The data folder holds no journal, but the platform's monotonic counter is {counter}: a journal was written before. "
                + "The folder was emptied or is the wrong one; starting afresh would roll the state back to nothing.");
        }

        RemoveDebris(temporaries);
        Span<byte> id = stackalloc byte[16];
        RandomNumberGenerator.Fill(id);
        return new LoadedJournal
        {
            JournalId = System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(id),
            CreatedNew = true,
            Segments = [],
            SnapshotPositions = [],
            Head = default,
            Snapshot = null,
            ReplayedRecords = 0,
            TornTail = null,
            SkippedSnapshots = _skipped,
            RemovedFiles = _removed,
        };
    }

    private List<OpenedSegment> ReadSegmentHeaders(List<(string Name, long First, ulong Counter)> names)
    {
        var segments = new List<OpenedSegment>(names.Count);
        var bytes = new byte[SegmentLayout.HeaderSize];
        for (int i = 0; i < names.Count; i++)
        {
            (string name, long first, ulong counter) = names[i];
            using IReadableFile file = _folder.OpenRead(name);
            if (file.Length < SegmentLayout.HeaderSize)
            {
                if (i == names.Count - 1)
                {
                    // Created but never made durable whole (the crash came before its fsync): it holds no record.
                    _tornSegment = name;
                    continue;
                }

                throw new JournalLoadException(
                    JournalErrorKind.CorruptSegmentHeader, name, 0, $"{name} at offset 0: the segment header is cut short, and a newer segment follows it.");
            }

            _ = ReadFully(file, 0, bytes);
            if (!SegmentHeader.TryOpen(_sealer, bytes, out SegmentHeader? header, out long offset, out string problem))
            {
                throw new JournalLoadException(JournalErrorKind.CorruptSegmentHeader, name, offset, $"{name} at offset {offset}: the segment {problem}.");
            }

            if (header.FirstSequence != first || header.Counter != counter)
            {
                CryptographicOperations.ZeroMemory(header.Key);
                throw new JournalLoadException(
                    JournalErrorKind.ForeignFile,
                    name,
                    SegmentLayout.SealedOffset,
                    $"{name} at offset {SegmentLayout.SealedOffset}: the sealed header says first record {header.FirstSequence} and counter {header.Counter}, not what the name says.");
            }

            segments.Add(new OpenedSegment(name, header));
        }

        return segments;
    }

    private List<OpenedSnapshot> ReadSnapshots(List<(string Name, long Position)> names)
    {
        var snapshots = new List<OpenedSnapshot>(names.Count);
        foreach ((string name, long position) in names)
        {
            byte[] bytes = ReadAll(name);
            if (!SnapshotContent.TryOpen(_sealer, bytes, out SnapshotContent? content, out long offset, out string problem))
            {
                _skipped.Add(new SkippedSnapshot(name, offset, $"{name} at offset {offset}: the snapshot {problem}."));
                continue;
            }

            if (content.Position != position)
            {
                content.Clear();
                throw new JournalLoadException(
                    JournalErrorKind.ForeignFile,
                    name,
                    SnapshotLayout.SealedOffset,
                    $"{name} at offset {SnapshotLayout.SealedOffset}: the sealed snapshot is at position {content.Position}, not what the name says.");
            }

            snapshots.Add(new OpenedSnapshot(name, content));
        }

        return snapshots;
    }

    private void RemoveDebris(List<string> temporaries)
    {
        if (_tornSegment is not null)
        {
            temporaries.Add(_tornSegment);
        }

        foreach (string name in temporaries)
        {
            _folder.Delete(name);
            _removed.Add(name);
        }

        if (temporaries.Count > 0)
        {
            _folder.SyncFolder();
        }
    }

    private byte[] ReadAll(string name)
    {
        using IReadableFile file = _folder.OpenRead(name);
        var bytes = new byte[checked((int)file.Length)];
        int read = ReadFully(file, 0, bytes);
        return read == bytes.Length ? bytes : bytes[..read];
    }

    private static int ReadFully(IReadableFile file, long offset, Span<byte> destination)
    {
        int total = 0;
        while (total < destination.Length)
        {
            int read = file.Read(offset + total, destination[total..]);
            if (read <= 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}
