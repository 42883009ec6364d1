namespace DarkPool.Enclave.Sessions;

/// <summary>Why a response could not be sealed. Nothing changed.</summary>
public enum ResponseSealError : byte
{
    /// <summary>Not an error.</summary>
    None = 0,

    /// <summary>No session has this id.</summary>
    UnknownSession,

    /// <summary>The session was closed; its keys are gone.</summary>
    SessionClosed,

    /// <summary>The request id has no recorded outcome in the session's window (never seen, still in flight, or forgotten).</summary>
    OutcomeNotAvailable,
}
