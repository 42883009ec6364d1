namespace DarkPool.Enclave.Journal;

/// <summary>Why the journal refused to start. Each one names the file and offset concerned where there is one.</summary>
public enum JournalErrorKind
{
    /// <summary>Opened.</summary>
    None = 0,

    /// <summary>A complete record failed its header checksum, has an impossible length, or failed authentication.</summary>
    CorruptRecord,

    /// <summary>A record is cut short somewhere other than the end of the newest segment.</summary>
    TruncatedRecord,

    /// <summary>A segment header is damaged or does not unseal (another identity, a newer security version, tampering).</summary>
    CorruptSegmentHeader,

    /// <summary>A sequence number is not the next one: a record or a whole segment is missing, repeated or out of order.</summary>
    SequenceGap,

    /// <summary>A record's or segment's previous-record hash is not the hash of the record before it.</summary>
    BrokenChain,

    /// <summary>An authentic snapshot disagrees with the journal: another chain hash at its position, or a position past the journal's end.</summary>
    SnapshotMismatch,

    /// <summary>The journal is needed from a position no readable snapshot covers (every snapshot is damaged).</summary>
    NoUsableSnapshot,

    /// <summary>The newest sealed state carries an older counter value than the platform's: an older copy of the folder.</summary>
    Rollback,

    /// <summary>The sealed state carries a counter value above the platform's by more than one: the counter went back or belongs elsewhere.</summary>
    CounterBehind,

    /// <summary>The folder holds no journal although the platform's counter shows one was written, or snapshots without segments.</summary>
    MissingJournal,

    /// <summary>A file belongs to another journal, or its name disagrees with its sealed content.</summary>
    ForeignFile,

    /// <summary>The data folder failed (an I/O error) while the journal was being read or repaired.</summary>
    StorageFailure,

    /// <summary>
    /// The journal is intact but its owner refused to apply a record or a snapshot (the state and the journal disagree,
    /// for example a journal written by an incompatible build): named with the file and offset of what was refused.
    /// </summary>
    ReplayRefused,
}
