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
/// The stream is not authenticated beyond the session id: everything in it is sealed to the session's key.
/// </summary>
internal sealed class EventsService(EnclaveHost host, IOptions<GatewayOptions> options) : Events.EventsBase
{
    public override async Task Subscribe(SubscribeRequest request, IServerStreamWriter<SealedEvent> responseStream, ServerCallContext context)
    {
        if (request.SessionId.Length != SessionId.Size)
        {
            throw GatewayErrors.BadArgument("session_id", $"A session id is {SessionId.Size} bytes.");
        }

        if (!host.Events.TryGet(SessionId.FromBytes(request.SessionId.Span), out SessionEventLog? log))
        {
            throw new RpcException(new Status(StatusCode.NotFound, "No such session."));
        }

        if (!log.TrySubscribe(request.FromSequence, options.Value.StreamQueueCapacity, out ChannelReader<(ulong Sequence, byte[] Envelope)>? reader, out ulong oldest))
        {
            throw GatewayErrors.NotRetained(oldest);
        }

        try
        {
            await foreach ((ulong sequence, byte[] envelope) in reader.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
            {
                await responseStream.WriteAsync(new SealedEvent { Sequence = sequence, Envelope = ByteString.CopyFrom(envelope) }).ConfigureAwait(false);
            }
        }
        catch (SlowSubscriberException e)
        {
            throw new RpcException(new Status(StatusCode.Aborted, e.Message));
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The client went away.
        }
        finally
        {
            log.Unsubscribe(reader);
        }
    }
}
