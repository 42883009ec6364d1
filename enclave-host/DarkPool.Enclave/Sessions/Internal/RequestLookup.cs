namespace DarkPool.Enclave.Sessions.Internal;

/// <summary>What the idempotency window knows about a client request id.</summary>
internal enum RequestLookup : byte
{
    /// <summary>Above every id seen: run it.</summary>
    New,

    /// <summary>Seen, outcome not yet recorded.</summary>
    InFlight,

    /// <summary>Seen, outcome recorded.</summary>
    Complete,

    /// <summary>At or below the highest id and no longer remembered.</summary>
    TooOld,
}
