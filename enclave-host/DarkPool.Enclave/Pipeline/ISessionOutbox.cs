using DarkPool.Protocol;

namespace DarkPool.Enclave.Pipeline;

/// <summary>
/// Receives sealed events for sessions other than the submitter's (a maker's fill, a deposit), in order, once
/// durable. Called on the pipeline's thread: implementations must not block (a bounded per-session queue).
/// </summary>
public interface ISessionOutbox
{
    /// <summary>One sealed envelope for <paramref name="session"/>.</summary>
    void Deliver(SessionId session, byte[] envelope);
}
