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

    public override async Task<SealedReply> Submit(SealedRequest request, ServerCallContext context)
    {
        ReadOnlySpan<byte> envelope = request.Envelope.Span;
        if (!EnvelopeHeader.TryParse(envelope, out EnvelopeHeader header, out EnvelopeReject reject))
        {
            throw GatewayErrors.Envelope(reject);
        }

        var sessionBytes = new byte[SessionId.Size];
        header.SessionId.WriteTo(sessionBytes);
        if (!limits.TrySession(sessionBytes, out TimeSpan retryAfter))
        {
            throw GatewayErrors.RateLimited("session", retryAfter);
        }

        // Not tied to the call's cancellation: once handed in, a request runs to its durable end, and its answers go to
        // the session's event log even if this caller's deadline passed (the client then looks it up or resumes).
        EnclaveReply reply = await host.SubmitAsync(request.Envelope.ToByteArray()).ConfigureAwait(false);
        if (reply.Status != ReplyStatus.Done)
        {
            throw GatewayErrors.Reply(reply);
        }

        // The enclave opened it: this connection belongs to the session's holder.
        connections.Proven(reply.Session, context.Peer);
        var sealedReply = new SealedReply();
        foreach (byte[] answer in reply.Envelopes)
        {
            sealedReply.Envelopes.Add(ByteString.CopyFrom(answer));
        }

        return sealedReply;
    }
}
