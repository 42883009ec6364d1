using System.Collections.Concurrent;
using DarkPool.Enclave.Pipeline;
using DarkPool.Protocol;

namespace DarkPool.Enclave.Tests.Pipeline.Support;

/// <summary>Keeps every envelope delivered to other sessions, with the durable sequence seen at delivery.</summary>
internal sealed class RecordingOutbox : ISessionOutbox
{
    private readonly Func<long> _durable;

    public RecordingOutbox(Func<long> durable) => _durable = durable;

    public ConcurrentQueue<(SessionId Session, byte[] Envelope, long DurableAtDelivery)> Delivered { get; } = new();

    public void Deliver(SessionId session, byte[] envelope) => Delivered.Enqueue((session, envelope, _durable()));

    public List<byte[]> For(SessionId session) => Delivered.Where(d => d.Session == session).Select(d => d.Envelope).ToList();
}
