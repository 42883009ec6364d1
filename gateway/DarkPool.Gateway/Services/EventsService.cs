using System.Threading.Channels;
using DarkPool.Gateway.Internal;
using DarkPool.Gateway.V1;
using DarkPool.Host;
using DarkPool.Host.Sessions;
using DarkPool.Protocol;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace DarkPool.Gateway.Services;

/// <summary>
/// A session's sealed answers and events, in sequence order, from a given sequence: a client that lost its stream
/// resumes from the next sequence it expects and gets neither a gap nor a duplicate while the log still holds them.
/// Everything in it is sealed to the session's key, so anyone may read it; it counts as the session's connection for
/// cancel-on-disconnect only once the session's holder proved it over the same connection (<see cref="SessionConnections"/>).
/// </summary>
internal sealed class EventsService(EnclaveHost host, IOptions<GatewayOptions> options, SessionConnections connections) : Events.EventsBase
{
    public override async Task Subscribe(SubscribeRequest request, IServerStreamWriter<SealedEvent> responseStream, ServerCallContext context)
    {
        if (request.SessionId.Length != SessionId.Size)
        {
            throw GatewayErrors.BadArgument("session_id", $"A session id is {SessionId.Size} bytes.");
        }

        SessionId session = SessionId.FromBytes(request.SessionId.Span);
        if (!host.Events.TryGet(session, out SessionEventLog? log))
        {
            throw new RpcException(new Status(StatusCode.NotFound, "No such session."));
        }

        if (!log.TrySubscribe(request.FromSequence, options.Value.StreamQueueCapacity, out ChannelReader<(ulong Sequence, byte[] Envelope)>? reader, out ulong oldest))
        {
            throw GatewayErrors.NotRetained(oldest);
        }

        // A catch-up read is not the session's connection: its end must not count as a disconnect.
        SessionConnections.Stream? stream = request.CatchUp ? null : connections.Open(session, context.Peer);
        bool cut = false;
        try
        {
            await foreach ((ulong sequence, byte[] envelope) in reader.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
            {
                await responseStream.WriteAsync(new SealedEvent { Sequence = sequence, Envelope = ByteString.CopyFrom(envelope) }).ConfigureAwait(false);
            }
        }
        catch (SlowSubscriberException e)
        {
            cut = true;
            throw new RpcException(new Status(StatusCode.Aborted, e.Message));
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The client went away.
        }
        finally
        {
            log.Unsubscribe(reader);

            // The call's token fires when the client cancels or its connection drops (a write failing then throws on);
            // a slow reader the gateway cut off is still there and resumes.
            if (stream is null)
            {
                connections.CatchUpEnded();
            }
            else
            {
                await connections.CloseAsync(stream, clientGone: !cut && context.CancellationToken.IsCancellationRequested).ConfigureAwait(false);
            }
        }
    }
}
