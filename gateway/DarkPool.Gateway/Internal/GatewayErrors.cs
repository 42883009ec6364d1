using DarkPool.Enclave.Pipeline;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Handshake;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace DarkPool.Gateway.Internal;

/// <summary>One status code per condition, with google.rpc details (docs/GATEWAY.md, "Errors").</summary>
internal static class GatewayErrors
{
    public const string Domain = "darkpool.v1";

    public static RpcException Envelope(EnvelopeReject reject)
    {
        (Code code, string message) = reject switch
        {
            EnvelopeReject.UnknownSession => (Code.NotFound, "The session is unknown; open a session first."),
            EnvelopeReject.SessionClosed => (Code.NotFound, "The session is closed; open a new one."),
            EnvelopeReject.Replay or EnvelopeReject.Stale => (Code.AlreadyExists, "The envelope's sequence number was already used (a replay)."),
            EnvelopeReject.Gap => (Code.FailedPrecondition, "The envelope's sequence number is ahead of the next expected one; resend from the first unanswered."),
            EnvelopeReject.Expired => (Code.FailedPrecondition, "The request expired before the enclave received it."),
            EnvelopeReject.RequestIdTooOld => (Code.FailedPrecondition, "The client request id is older than the idempotency window."),
            _ => (Code.InvalidArgument, "The envelope is malformed or does not authenticate."),
        };
        return Build(code, message, ReasonOf(reject.ToString()), badRequestField: code == Code.InvalidArgument ? "envelope" : null);
    }

    public static RpcException Handshake(HandshakeReject reject)
    {
        (Code code, string message) = reject switch
        {
            HandshakeReject.SessionExists => (Code.AlreadyExists, "A session with this id is already open (a replayed handshake)."),
            HandshakeReject.TooManySessions => (Code.ResourceExhausted, "The enclave holds as many sessions as it may; retry later."),
            HandshakeReject.UnknownQuote => (Code.FailedPrecondition, "The handshake names a quote this enclave did not issue since it started; fetch evidence again."),
            HandshakeReject.Expired or HandshakeReject.ExpiryTooFar => (Code.FailedPrecondition, "The handshake's expiry is in the past or too far ahead."),
            HandshakeReject.BadSignature or HandshakeReject.InvalidAccountKey => (Code.Unauthenticated, "The account signature over the handshake does not verify."),
            _ => (Code.InvalidArgument, "The handshake is malformed."),
        };
        return Build(code, message, ReasonOf(reject.ToString()), badRequestField: code == Code.InvalidArgument ? "handshake" : null,
            retry: code == Code.ResourceExhausted ? TimeSpan.FromSeconds(1) : null);
    }

    public static RpcException Reply(EnclaveReply reply) => reply.Status switch
    {
        ReplyStatus.Busy => Build(Code.Unavailable, "The enclave is busy; nothing was done. Retry the same envelope.", "ENCLAVE_BUSY", retry: TimeSpan.FromMilliseconds(5)),
        ReplyStatus.Stopped => Build(Code.Unavailable, "The enclave stopped; the outcome is unknown. After it recovers, resend with the same client request id.", "ENCLAVE_STOPPED", retry: TimeSpan.FromSeconds(1)),
        _ => reply.HandshakeReject != HandshakeReject.None ? Handshake(reply.HandshakeReject) : Envelope(reply.EnvelopeReject),
    };

    public static RpcException RateLimited(string what, TimeSpan retryAfter) =>
        Build(Code.ResourceExhausted, $"Rate limit reached for this {what}.", "RATE_LIMITED", retry: retryAfter < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : retryAfter);

    public static RpcException BadArgument(string field, string message) => Build(Code.InvalidArgument, message, "BAD_ARGUMENT", badRequestField: field);

    public static RpcException NotRetained(ulong oldest) =>
        Build(Code.OutOfRange, $"Events before sequence {oldest} are no longer retained; resume from {oldest} and query current state.", "EVENTS_NOT_RETAINED");

    private static string ReasonOf(string name)
    {
        var reason = new System.Text.StringBuilder(name.Length + 8);
        foreach (char c in name)
        {
            if (char.IsUpper(c) && reason.Length > 0)
            {
                _ = reason.Append('_');
            }

            _ = reason.Append(char.ToUpperInvariant(c));
        }

        return reason.ToString();
    }

    private static RpcException Build(Code code, string message, string reason, string? badRequestField = null, TimeSpan? retry = null)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        status.Details.Add(Any.Pack(new ErrorInfo { Reason = reason, Domain = Domain }));
        if (badRequestField is not null)
        {
            status.Details.Add(Any.Pack(new BadRequest { FieldViolations = { new BadRequest.Types.FieldViolation { Field = badRequestField, Description = message } } }));
        }

        if (retry is { } delay)
        {
            status.Details.Add(Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(delay) }));
        }

        return status.ToRpcException();
    }
}
