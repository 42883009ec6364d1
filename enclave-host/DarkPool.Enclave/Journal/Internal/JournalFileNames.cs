using System.Globalization;

namespace DarkPool.Enclave.Journal.Internal;

/// <summary>
/// File names in the data folder. Names order the files for listing only: every value in a name is also in the
/// file's sealed content, and recovery refuses a file whose name disagrees with it.
/// </summary>
internal static class JournalFileNames
{
    private const string SegmentPrefix = "journal-";
    private const string SegmentSuffix = ".seg";
    private const string SnapshotPrefix = "snapshot-";
    private const string SnapshotSuffix = ".snap";
    private const string TemporarySuffix = ".tmp";
    private const int Digits = 20;

    /// <summary><c>journal-{first sequence}-{counter}.seg</c>, both 20 digits: two segments can share a first sequence (an empty one and its successor), never a counter.</summary>
    public static string Segment(long firstSequence, ulong counter) =>
        string.Create(CultureInfo.InvariantCulture, $"{SegmentPrefix}{firstSequence:D20}-{counter:D20}{SegmentSuffix}");

    /// <summary><c>snapshot-{position}.snap</c>, 20 digits.</summary>
    public static string Snapshot(long position) =>
        string.Create(CultureInfo.InvariantCulture, $"{SnapshotPrefix}{position:D20}{SnapshotSuffix}");

    /// <summary>The name a snapshot is written under before it is renamed into place.</summary>
    public static string Temporary(string name) => name + TemporarySuffix;

    /// <summary>True for a name this journal writes (so an unparsable one is somebody's damage, not an unrelated file).</summary>
    public static bool IsOurs(string name) => name.StartsWith(SegmentPrefix, StringComparison.Ordinal) || name.StartsWith(SnapshotPrefix, StringComparison.Ordinal);

    /// <summary>True for a temporary left by an interrupted snapshot.</summary>
    public static bool IsTemporary(string name) => IsOurs(name) && name.EndsWith(TemporarySuffix, StringComparison.Ordinal);

    public static bool TryParseSegment(string name, out long firstSequence, out ulong counter)
    {
        firstSequence = 0;
        counter = 0;
        ReadOnlySpan<char> span = name;
        if (span.Length != SegmentPrefix.Length + Digits + 1 + Digits + SegmentSuffix.Length
            || !span.StartsWith(SegmentPrefix, StringComparison.Ordinal)
            || !span.EndsWith(SegmentSuffix, StringComparison.Ordinal)
            || span[SegmentPrefix.Length + Digits] != '-')
        {
            return false;
        }

        if (!TryParseDigits(span.Slice(SegmentPrefix.Length, Digits), out ulong first)
            || first is 0 or > long.MaxValue
            || !TryParseDigits(span.Slice(SegmentPrefix.Length + Digits + 1, Digits), out counter))
        {
            return false;
        }

        firstSequence = (long)first;
        return true;
    }

    public static bool TryParseSnapshot(string name, out long position)
    {
        position = 0;
        ReadOnlySpan<char> span = name;
        if (span.Length != SnapshotPrefix.Length + Digits + SnapshotSuffix.Length
            || !span.StartsWith(SnapshotPrefix, StringComparison.Ordinal)
            || !span.EndsWith(SnapshotSuffix, StringComparison.Ordinal)
            || !TryParseDigits(span.Slice(SnapshotPrefix.Length, Digits), out ulong value)
            || value is 0 or > long.MaxValue)
        {
            return false;
        }

        position = (long)value;
        return true;
    }

    private static bool TryParseDigits(ReadOnlySpan<char> digits, out ulong value)
    {
        value = 0;
        foreach (char c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
