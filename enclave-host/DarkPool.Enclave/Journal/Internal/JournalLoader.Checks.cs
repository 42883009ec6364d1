namespace DarkPool.Enclave.Journal.Internal;

/// <summary>The checks recovery makes across files before it reads a record: journal id, freshness, snapshot choice.</summary>
internal sealed partial class JournalLoader
{
    /// <summary>Every file must carry the newest segment's journal id: that is the journal being continued.</summary>
    private static void CheckJournalId(List<OpenedSegment> segments, List<OpenedSnapshot> snapshots)
    {
        OpenedSegment newest = segments[^1];
        UInt128 id = newest.Header.JournalId;
        foreach (OpenedSegment segment in segments)
        {
            if (segment.Header.JournalId != id)
            {
                throw Foreign(segment.Name, SegmentLayout.SealedOffset, newest.Name);
            }
        }

        foreach (OpenedSnapshot snapshot in snapshots)
        {
            if (snapshot.Content.JournalId != id)
            {
                throw Foreign(snapshot.Name, SnapshotLayout.SealedOffset, newest.Name);
            }
        }

        static JournalLoadException Foreign(string name, long offset, string reference) =>
            new(JournalErrorKind.ForeignFile, name, offset, $"{name} at offset {offset}: belongs to another journal than {reference}.");
    }

    /// <summary>
    /// The newest sealed state must carry the platform's counter value, or one more (a crash came between making a new
    /// segment durable and moving the counter). Returns true when the counter must catch up.
    /// </summary>
    private static bool CheckFreshness(List<OpenedSegment> segments, List<OpenedSnapshot> snapshots, ulong platformCounter)
    {
        ulong newest = 0;
        string carrier = segments[0].Name;
        long offset = SegmentLayout.SealedOffset;
        foreach (OpenedSegment segment in segments)
        {
            if (segment.Header.Counter >= newest)
            {
                (newest, carrier, offset) = (segment.Header.Counter, segment.Name, SegmentLayout.SealedOffset);
            }
        }

        foreach (OpenedSnapshot snapshot in snapshots)
        {
            if (snapshot.Content.Counter > newest)
            {
                (newest, carrier, offset) = (snapshot.Content.Counter, snapshot.Name, SnapshotLayout.SealedOffset);
            }
        }

        if (newest < platformCounter)
        {
            throw new JournalLoadException(
                JournalErrorKind.Rollback,
                carrier,
                offset,
                $"{carrier} at offset {offset}: the newest sealed state carries monotonic counter {newest}, but the platform's counter is "
                + $"{platformCounter}. This is an older copy of the journal; starting from it would roll the state back.");
        }

        if (newest > platformCounter + 1)
        {
            throw new JournalLoadException(
                JournalErrorKind.CounterBehind,
                carrier,
                offset,
                $"{carrier} at offset {offset}: the sealed state carries monotonic counter {newest}, but the platform's counter is only "
                + $"{platformCounter}. The counter went back, or this folder belongs with another platform.");
        }

        return newest == platformCounter + 1;
    }

    /// <summary>The newest readable snapshot, which must reach the journal's first record; null when the journal starts at record 1 and none is readable.</summary>
    private OpenedSnapshot? ChooseSnapshot(OpenedSegment first, List<OpenedSnapshot> snapshots)
    {
        long firstSequence = first.Header.FirstSequence;
        if (snapshots.Count > 0)
        {
            OpenedSnapshot newest = snapshots[0];
            if (firstSequence > newest.Content.Position + 1)
            {
                throw new JournalLoadException(
                    JournalErrorKind.SequenceGap,
                    first.Name,
                    SegmentLayout.SealedOffset,
                    $"{first.Name} at offset {SegmentLayout.SealedOffset}: the journal starts at record {firstSequence}, but the newest readable "
                    + $"snapshot ({newest.Name}) is at {newest.Content.Position}: records {newest.Content.Position + 1} to {firstSequence - 1} are missing.");
            }

            return newest;
        }

        if (firstSequence == 1)
        {
            return null;
        }

        if (_skipped.Count > 0)
        {
            SkippedSnapshot damaged = _skipped[0];
            throw new JournalLoadException(
                JournalErrorKind.NoUsableSnapshot,
                damaged.File,
                damaged.Offset,
                $"The journal starts at record {firstSequence} and no snapshot that covers the records before it can be read: {damaged.Reason}");
        }

        throw new JournalLoadException(
            JournalErrorKind.SequenceGap,
            first.Name,
            SegmentLayout.SealedOffset,
            $"{first.Name} at offset {SegmentLayout.SealedOffset}: the journal starts at record {firstSequence} and no snapshot covers the records before it.");
    }
}
