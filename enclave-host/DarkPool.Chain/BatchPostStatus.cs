namespace DarkPool.Chain;

/// <summary>How posting a batch ended when the chain did not reject it.</summary>
public enum BatchPostStatus
{
    /// <summary>This post settled the batch: its withdrawals were paid now.</summary>
    Settled = 1,

    /// <summary>
    /// The identical batch (same sequence, same hash) was already on chain; nothing changed. A host that
    /// crashed between signing and posting reposts and gets this.
    /// </summary>
    AlreadySettled = 2,
}
