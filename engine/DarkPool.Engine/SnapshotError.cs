namespace DarkPool.Engine;

/// <summary>Why an engine snapshot could not be restored. A failed restore builds no engine.</summary>
public enum SnapshotError : byte
{
    /// <summary>Not an error.</summary>
    None = 0,

    /// <summary>The bytes do not start with the snapshot magic.</summary>
    NotASnapshot,

    /// <summary>A snapshot format version this engine does not read.</summary>
    UnsupportedVersion,

    /// <summary>The bytes end before the snapshot does, or go on after it.</summary>
    Truncated,

    /// <summary>A field is out of range for the engine options (ids, counts, enums, negative amounts).</summary>
    InvalidField,

    /// <summary>The restored state breaks an engine invariant (balances, holds, books).</summary>
    Inconsistent,

    /// <summary>The bytes differ from what was written: the checksum over every field does not match.</summary>
    ChecksumMismatch,

    /// <summary>The restored state's hash differs from the hash the snapshot recorded.</summary>
    HashMismatch,
}
