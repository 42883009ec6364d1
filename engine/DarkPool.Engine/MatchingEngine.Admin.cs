using DarkPool.Engine.Internal;

namespace DarkPool.Engine;

/// <summary>Markets, deposits, withdrawals and the diagnostic queries.</summary>
public sealed partial class MatchingEngine
{
    private void CreateMarket(in Command c)
    {
        if ((uint)c.Market >= (uint)_markets.Length)
        {
            Reject(c, RejectReason.InvalidMarket);
            return;
        }

        if (_markets[c.Market] is not null)
        {
            Reject(c, RejectReason.MarketExists);
            return;
        }

        if (!IsAsset(c.Asset) || !IsAsset(c.QuoteAsset) || c.Asset == c.QuoteAsset || c.TickSize <= 0 || c.LotSize <= 0
            || (uint)c.MakerFeeBps > FeeMath.MaxBps || (uint)c.TakerFeeBps > FeeMath.MaxBps || c.Mode > MarketMode.Auction
            || c.MaxReferenceAge < 0)
        {
            Reject(c, RejectReason.InvalidMarket);
            return;
        }

        AddMarket(c.Market, c.Asset, c.QuoteAsset, c.TickSize, c.LotSize, c.MakerFeeBps, c.TakerFeeBps, c.Mode, c.MaxReferenceAge);
        _sink.OnEvent(new EngineEvent
        {
            Type = EventType.MarketCreated,
            Command = _commandType,
            Market = c.Market,
        });
    }

    /// <summary>
    /// The markets, in id order, as the CreateMarket commands that would create them again: a read-only start-up check
    /// (the host compares them with its configuration); allocates, so never on the matching path.
    /// </summary>
    public Command[] GetMarketDefinitions()
    {
        var definitions = new Command[_marketsById.Length];
        for (int i = 0; i < definitions.Length; i++)
        {
            Market m = _marketsById[i];
            definitions[i] = Command.NewMarket(m.Id, m.BaseAsset, m.QuoteAsset, m.TickSize, m.LotSize, m.MakerFeeBps, m.TakerFeeBps, m.Mode, m.MaxReferenceAge);
        }

        return definitions;
    }

    /// <summary>Creates a validated market and its book (a create command, or a snapshot being restored).</summary>
    private Market AddMarket(int id, int baseAsset, int quoteAsset, long tickSize, long lotSize, int makerFeeBps, int takerFeeBps,
        MarketMode mode, long maxReferenceAge)
    {
        IOrderBook book = _options.Book == BookKind.Reference
            ? new ReferenceOrderBook()
            : new FastOrderBook(tickSize, _options.ExpectedOrdersPerMarket, _options.ExpectedAccounts);
        var market = new Market(id, baseAsset, quoteAsset, tickSize, lotSize, makerFeeBps, takerFeeBps, mode, maxReferenceAge, book);

        // Working sets are sized with the book, as the book sizes itself, not grown on first use (see Presize).
        _pegs.EnsureCapacity(_options.ExpectedOrdersPerMarket);
        if (mode == MarketMode.Auction)
        {
            PresizeAuction(_options.ExpectedOrdersPerMarket);
            WarmUpAuctions();
        }

        _markets[id] = market;
        _marketsById = [.. _marketsById, market];
        Array.Sort(_marketsById, static (a, b) => a.Id.CompareTo(b.Id));
        return market;
    }

    private void Deposit(in Command c)
    {
        RejectReason reason = ValidateFunds(c);
        if (reason == RejectReason.None && !_ledger.TryDeposit(c.Account, c.Asset, c.Amount))
        {
            reason = RejectReason.Overflow;
        }

        EmitFunds(c, reason, EventType.Deposited);
    }

    private void Withdraw(in Command c)
    {
        RejectReason reason = ValidateFunds(c);
        if (reason == RejectReason.None && !_ledger.TryWithdraw(c.Account, c.Asset, c.Amount))
        {
            reason = RejectReason.InsufficientFunds;
        }

        EmitFunds(c, reason, EventType.Withdrawn);
    }

    private RejectReason ValidateFunds(in Command c)
    {
        if (!IsAccount(c.Account))
        {
            return RejectReason.UnknownAccount;
        }

        if (!IsAsset(c.Asset))
        {
            return RejectReason.UnknownAsset;
        }

        return c.Amount <= 0 ? RejectReason.InvalidAmount : RejectReason.None;
    }

    private void EmitFunds(in Command c, RejectReason reason, EventType type)
    {
        if (reason != RejectReason.None)
        {
            Reject(c, reason);
            return;
        }

        _sink.OnEvent(new EngineEvent
        {
            Type = type,
            Command = _commandType,
            Account = c.Account,
            Asset = c.Asset,
            Amount = c.Amount,
        });
    }

    private void QueryBook(in Command c)
    {
        if (!TryGetMarket(c.Market, out Market? market))
        {
            Reject(c, RejectReason.UnknownMarket);
            return;
        }

        int bids = CopyLevels(market.Book, Side.Buy, ref _bidLevels);
        int asks = CopyLevels(market.Book, Side.Sell, ref _askLevels);
        _sink.OnBook(market.Id, _bidLevels.AsSpan(0, bids), _askLevels.AsSpan(0, asks));
    }

    private static int CopyLevels(IOrderBook book, Side side, ref BookLevel[] buffer)
    {
        int count = book.CopyLevels(side, buffer);
        if (count > buffer.Length)
        {
            buffer = new BookLevel[Math.Max(count, buffer.Length * 2)];
            book.CopyLevels(side, buffer);
        }

        return count;
    }

    private void QueryBalance(in Command c)
    {
        if (!IsAccount(c.Account))
        {
            Reject(c, RejectReason.UnknownAccount);
            return;
        }

        if (!IsAsset(c.Asset))
        {
            Reject(c, RejectReason.UnknownAsset);
            return;
        }

        _sink.OnEvent(new EngineEvent
        {
            Type = EventType.Balance,
            Command = _commandType,
            Account = c.Account,
            Asset = c.Asset,
            Available = _ledger.Available(c.Account, c.Asset),
            Held = _ledger.Held(c.Account, c.Asset),
        });
    }
}
