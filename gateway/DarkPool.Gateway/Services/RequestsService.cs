using DarkPool.Enclave.Pipeline;
using DarkPool.Gateway.Internal;
using DarkPool.Gateway.V1;
using DarkPool.Host;
using DarkPool.Protocol;
using DarkPool.Protocol.Envelopes;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace DarkPool.Gateway.Services;

/// <summary>
/// Sealed requests of every kind through one method. The gateway reads only the clear header (for the per-session rate
/// limit) and passes the envelope on; the enclave's answer comes back sealed once durable.
/// </summary>
internal sealed class RequestsService(EnclaveHost host, RateLimits limits, SessionConnections connections, StreamBudget budget, IOptions<GatewayOptions> options)
    : Requests.RequestsBase
{
    /// <summary>The market-maker stream (<see cref="RequestStream"/>).</summary>
    public override Task Stream(IAsyncStreamReader<SealedRequest> requestStream, IServerStreamWriter<StreamReply> responseStream, ServerCallContext context) =>
        new RequestStream(host, limits, connections, budget, options.Value.StreamInFlight, context).RunAsync(requestStream, responseStream);

    public override Task<SealedReply> Submit(SealedRequest request, ServerCallContext context)
    {
        ReadOnlySpan<byte> envelope = request.Envelope.Span;
        if (!EnvelopeHeader.TryParse(envelope, out EnvelopeHeader header, out EnvelopeReject reject))
        {
            return Task.FromException<SealedReply>(GatewayErrors.Envelope(reject));
        }

        Span<byte> sessionBytes = stackalloc byte[SessionId.Size];
        header.SessionId.WriteTo(sessionBytes);
        if (!limits.TrySession(sessionBytes, out TimeSpan retryAfter))
        {
            return Task.FromException<SealedReply>(GatewayErrors.RateLimited("session", retryAfter));
        }

        // Not tied to the call's cancellation: once handed in, a request runs to its durable end, and its answers go to
        // the session's event log even if this caller's deadline passed (the client then looks it up or resumes). The
        // envelope is copied into the enclave's ring by this call, straight from the request's buffer.
        return AnswerAsync(host.SubmitAsync(envelope), context);
    }

    private async Task<SealedReply> AnswerAsync(Task<EnclaveReply> submitted, ServerCallContext context)
    {
        EnclaveReply reply = await submitted.ConfigureAwait(false);
        if (reply.Status != ReplyStatus.Done)
        {
            throw GatewayErrors.Reply(reply);
        }

        // The enclave opened it: this connection belongs to the session's holder.
        connections.Proven(reply.Session, context.Peer);
        var sealedReply = new SealedReply();
        foreach (byte[] answer in reply.Envelopes)
        {
            // Sealed answers are never written to after the enclave made them (the session's event log holds the same
            // arrays), so the reply wraps them instead of copying each one.
            sealedReply.Envelopes.Add(UnsafeByteOperations.UnsafeWrap(answer));
        }

        return sealedReply;
    }
}
