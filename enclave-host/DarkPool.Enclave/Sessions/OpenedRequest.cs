using DarkPool.Protocol;
using DarkPool.Protocol.Accounts;
using DarkPool.Protocol.Handshake;
using DarkPool.Protocol.Messages;

namespace DarkPool.Enclave.Sessions;

/// <summary>A request envelope the session table accepted: who sent it, where it sits in the session, and what it asks.</summary>
public readonly struct OpenedRequest
{
    /// <summary>An accepted request.</summary>
    public OpenedRequest(SessionId sessionId, AccountAddress account, SessionFlags flags, ulong sequence, in DecodedRequest request, RequestDisposition disposition)
    {
        SessionId = sessionId;
        Account = account;
        Flags = flags;
        Sequence = sequence;
        Request = request;
        Disposition = disposition;
    }

    /// <summary>The session it came in.</summary>
    public SessionId SessionId { get; }

    /// <summary>The account the session belongs to.</summary>
    public AccountAddress Account { get; }

    /// <summary>The session's options.</summary>
    public SessionFlags Flags { get; }

    /// <summary>Its sequence number in the session.</summary>
    public ulong Sequence { get; }

    /// <summary>The decoded request.</summary>
    public DecodedRequest Request { get; }

    /// <summary>Whether to apply it or to answer with a recorded outcome.</summary>
    public RequestDisposition Disposition { get; }

    /// <summary>Session, sequence and kind only: order fields are never printed.</summary>
    public override string ToString() => $"{Request.Kind} #{Sequence} in session {SessionId} ({Disposition})";
}
