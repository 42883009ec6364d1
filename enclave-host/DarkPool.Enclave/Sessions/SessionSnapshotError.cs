namespace DarkPool.Enclave.Sessions;

/// <summary>Why a session table snapshot could not be restored. A failed restore builds no table.</summary>
public enum SessionSnapshotError : byte
{
    /// <summary>Not an error.</summary>
    None = 0,

    /// <summary>The bytes do not start with the snapshot magic.</summary>
    NotASnapshot,

    /// <summary>A snapshot version this enclave does not read.</summary>
    UnsupportedVersion,

    /// <summary>The snapshot was written under other table options.</summary>
    OptionsMismatch,

    /// <summary>The bytes end before the snapshot does, or go on after it.</summary>
    Truncated,

    /// <summary>A field is out of range (unknown state or flag, sessions out of order, a sequence of 0, ids not increasing, a count too large).</summary>
    InvalidField,

    /// <summary>The restored table breaks one of its invariants (see <see cref="SessionTable.CheckConsistency"/>).</summary>
    Inconsistent,

    /// <summary>The restored state's hash differs from the hash the snapshot recorded.</summary>
    HashMismatch,
}
