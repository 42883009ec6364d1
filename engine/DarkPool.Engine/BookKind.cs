namespace DarkPool.Engine;

/// <summary>The two order book implementations; both pass the same contract tests and give identical events.</summary>
public enum BookKind : byte
{
    /// <summary>Pooled slots, intrusive level queues, open-addressing id index: the production book.</summary>
    Fast = 0,

    /// <summary>Sorted dictionaries of linked lists, written for obviousness: the oracle the fast book is checked against.</summary>
    Reference = 1,
}
