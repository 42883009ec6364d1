namespace DarkPool.Enclave.Sessions;

/// <summary>
/// The one descriptor of the session table snapshot (little-endian; diagram in docs/PROTOCOL.md). The snapshot is
/// plaintext with keys in it: it exists only inside the enclave and inside sealed blobs.
/// <code>
/// table:   magic "DPSS" u32 | version u16 | reserved u16 | max sessions u32 | idempotency window u32 | replay window u32
///          | max handshake lifetime i64 | session count u32 | sessions in id order | state hash i64
/// session: id (16) | state u8 (1 open, 2 closed) | reserved u8 | reserved u16 | flags u32 | account (20)
///          | handshake expires at i64 | opened at i64 | closed at i64
///   open:  client->enclave key (32) | enclave->client key (32) | next request sequence u64 | next response sequence u64
///          | replay tag count u16 | tags (16 each) for the sequences just below the next, oldest first
///          | highest request id u64 | window count u16 | entries oldest first:
///            request id u64 | complete u8 | reserved u8 | outcome length u16 | outcome bytes
/// </code>
/// The state hash is the first 8 bytes (little-endian) of SHA-256 over every byte before it.
/// </summary>
public static class SessionSnapshotLayout
{
    /// <summary>"DPSS" read as a little-endian u32.</summary>
    public const uint Magic = 0x53535044;

    /// <summary>The snapshot version this descriptor describes.</summary>
    public const ushort Version = 1;

    /// <summary>State byte of an open session.</summary>
    public const byte Open = 1;

    /// <summary>State byte of a closed session (a tombstone).</summary>
    public const byte Closed = 2;
}
