using DarkPool.Enclave.Pipeline;
using DarkPool.Protocol;

/// <summary>The crash host has no other sessions to deliver to that anyone reads.</summary>
internal sealed class DiscardingOutbox : ISessionOutbox
{
    public void Deliver(SessionId session, byte[] envelope)
    {
    }
}
