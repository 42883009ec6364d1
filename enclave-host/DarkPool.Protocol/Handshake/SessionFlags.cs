namespace DarkPool.Protocol.Handshake;

/// <summary>Options a client chooses for its session when it opens it; signed as part of the transcript.</summary>
[Flags]
public enum SessionFlags : uint
{
    /// <summary>No option.</summary>
    None = 0,

    /// <summary>When the session closes or its connection drops, the enclave cancels the session's resting orders.</summary>
    CancelOnDisconnect = 1,
}
