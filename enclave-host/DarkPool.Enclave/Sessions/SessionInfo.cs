using DarkPool.Protocol;
using DarkPool.Protocol.Accounts;
using DarkPool.Protocol.Handshake;

namespace DarkPool.Enclave.Sessions;

/// <summary>What the table holds about a session, without its keys.</summary>
/// <param name="Id">The session id.</param>
/// <param name="Account">The account that opened it.</param>
/// <param name="Flags">Its options.</param>
/// <param name="IsOpen">False once closed (a tombstone).</param>
/// <param name="OpenedAtUnixMs">The enclave time it opened.</param>
/// <param name="ClosedAtUnixMs">The enclave time it closed, or 0.</param>
/// <param name="HandshakeExpiresAtUnixMs">Its handshake's expiry: the tombstone is kept at least until then.</param>
/// <param name="NextRequestSequence">The sequence number the next request must carry (0 once closed).</param>
/// <param name="NextResponseSequence">The sequence number the next response gets (0 once closed).</param>
/// <param name="HighestRequestId">The highest client request id accepted (0 once closed).</param>
public readonly record struct SessionInfo(
    SessionId Id,
    AccountAddress Account,
    SessionFlags Flags,
    bool IsOpen,
    long OpenedAtUnixMs,
    long ClosedAtUnixMs,
    long HandshakeExpiresAtUnixMs,
    ulong NextRequestSequence,
    ulong NextResponseSequence,
    ulong HighestRequestId);
