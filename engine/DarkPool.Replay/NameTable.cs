using DarkPool.Engine;

namespace DarkPool.Replay;

/// <summary>
/// Maps the names of a scenario file to the engine's dense ids and back. Markets and assets are numbered
/// from 0, accounts from 1 (account 0 is the engine's fee account, named <see cref="FeeAccountName"/>),
/// client order ids from 1; all in first-seen order. Client order id strings are global: the same string
/// is the same number for every account.
/// </summary>
internal sealed class NameTable
{
    /// <summary>The name of the account that receives every fee (the engine's default fee account, id 0).</summary>
    public const string FeeAccountName = "fees";

    private readonly NameInterner _markets = new(0);
    private readonly NameInterner _assets = new(0);
    private readonly NameInterner _accounts = new(0);
    private readonly NameInterner _orders = new(1);

    public NameTable(EngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.FeeAccount != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The replay tool names account 0 as the fee account.");
        }

        MaxAssets = options.MaxAssets;
        _accounts.Intern(FeeAccountName);
    }

    /// <summary>Asset ids must stay below this: the engine's asset limit.</summary>
    public int MaxAssets { get; }

    public int Market(string name) => _markets.Intern(name);

    public int Account(string name) => _accounts.Intern(name);

    public long Order(string name) => _orders.Intern(name);

    /// <summary>True when interning these asset names keeps every asset id below <see cref="MaxAssets"/>.</summary>
    public bool HasRoomForAssets(string first, string? second = null)
    {
        int added = _assets.Contains(first) ? 0 : 1;
        if (second is not null && second != first && !_assets.Contains(second))
        {
            added++;
        }

        return _assets.Count + added <= MaxAssets;
    }

    /// <summary>The asset's id; the caller has checked <see cref="HasRoomForAssets"/>.</summary>
    public int Asset(string name) => _assets.Intern(name);

    public string MarketName(int id) => _markets.NameOf(id);

    public string AccountName(int id) => _accounts.NameOf(id);

    public string OrderName(long id) => _orders.NameOf(id);

    public string AssetName(int id) => _assets.NameOf(id);
}
