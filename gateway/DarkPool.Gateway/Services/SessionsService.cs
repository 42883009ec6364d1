using DarkPool.Enclave.Pipeline;
using DarkPool.Gateway.Internal;
using DarkPool.Gateway.V1;
using DarkPool.Host;
using DarkPool.Protocol;
using DarkPool.Protocol.Handshake;
using Google.Protobuf;
using Grpc.Core;

namespace DarkPool.Gateway.Services;

/// <summary>Handshakes, passed to the enclave as bytes.</summary>
internal sealed class SessionsService(EnclaveHost host, SessionConnections connections) : Sessions.SessionsBase
{
    public override async Task<OpenSessionReply> Open(OpenSessionRequest request, ServerCallContext context)
    {
        if (request.Handshake.Length != HandshakeLayout.MessageSize)
        {
            throw GatewayErrors.BadArgument("handshake", $"A handshake is {HandshakeLayout.MessageSize} bytes.");
        }

        EnclaveReply reply = await host.OpenSessionAsync(request.Handshake.ToByteArray()).ConfigureAwait(false);
        if (reply.Status != ReplyStatus.Done)
        {
            throw GatewayErrors.Reply(reply);
        }

        connections.Proven(reply.Session, context.Peer);
        var id = new byte[SessionId.Size];
        reply.Session.WriteTo(id);
        return new OpenSessionReply { SessionId = ByteString.CopyFrom(id) };
    }
}
