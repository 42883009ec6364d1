namespace DarkPool.Chain.Entries;

/// <summary>What an item of a settlement entry records.</summary>
public enum EntryItemKind : byte
{
    /// <summary>A fill of one of the account's orders.</summary>
    Fill = 1,

    /// <summary>A chain deposit credited to the account.</summary>
    Deposit = 2,

    /// <summary>A withdrawal debited from the account and paid by this batch.</summary>
    Withdrawal = 3,

    /// <summary>The account's balance of an asset when the batch was cut.</summary>
    Balance = 4,
}
