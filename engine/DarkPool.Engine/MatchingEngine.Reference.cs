using DarkPool.Engine.Internal;

namespace DarkPool.Engine;

/// <summary>
/// The reference price: a market's reference bid and ask move its pegged orders. Uncapped buys are
/// re-held at the new mid, and pegged orders that can now trade do, as incoming orders, oldest first.
/// </summary>
public sealed partial class MatchingEngine
{
    private readonly PegCollector _pegs = new();

    private void SetReference(in Command c)
    {
        if (!TryGetMarket(c.Market, out Market? market))
        {
            Reject(c, RejectReason.UnknownMarket);
            return;
        }

        if (c.Bid <= 0 || c.Ask <= 0)
        {
            Reject(c, RejectReason.InvalidPrice);
            return;
        }

        if ((market.HasReference && c.ObservedAt < market.ReferenceObservedAt) || c.ObservedAt > c.Timestamp)
        {
            // Out of order: a price observed before the one in force never replaces it. A price observed after
            // the command was sequenced cannot be right either (the source's clock is ahead), and accepting it
            // would keep a stale price usable and refuse every genuine update until then.
            Reject(c, RejectReason.StaleReference);
            return;
        }

        SetCurrent(market);
        market.SetReference(c.Bid, c.Ask, c.ObservedAt);
        long mid = market.UsableMid(_now);
        _sink.OnEvent(new EngineEvent
        {
            Type = EventType.ReferenceUpdated,
            Command = _commandType,
            Market = market.Id,
            Price = mid,
            Bid = c.Bid,
            Ask = c.Ask,
        });

        if (mid == 0 || market.Book.PegCount(Side.Buy) + market.Book.PegCount(Side.Sell) == 0)
        {
            return;
        }

        _pegs.Collect(market.Book);
        RepriceUncappedBuys(market, mid);
        if (market.Mode == MarketMode.Continuous)
        {
            RematchPegs(market);
        }
    }

    /// <summary>
    /// An uncapped pegged buy holds for the mid it may trade at: at each usable reference its hold moves
    /// to the new mid. A lower mid releases the difference; a higher one holds more if the account has it,
    /// and otherwise the order keeps its hold and waits, not trading above the mid it is funded for.
    /// </summary>
    private void RepriceUncappedBuys(Market market, long mid)
    {
        // Releases first, then increases in arrival order: funds a newer order frees at the new mid are
        // there for an older order of the same account, so the update never inverts time priority.
        Reprice(market, mid, raise: false);
        Reprice(market, mid, raise: true);
    }

    private void Reprice(Market market, long mid, bool raise)
    {
        IOrderBook book = market.Book;
        for (int i = 0; i < _pegs.Count; i++)
        {
            if (!_pegs.UncappedBuy[i])
            {
                continue;
            }

            int handle = book.Find(_pegs.Accounts[i], _pegs.OrderIds[i]);
            ref readonly OrderData order = ref book.Get(handle);
            if (order.Price == mid || !FeeMath.TryBuyHold(mid, order.Remaining, market.HoldFeeBps, out long needed))
            {
                continue;
            }

            long extra = needed - order.Hold;
            if ((extra > 0) != raise || extra > _ledger.Available(order.Account, market.QuoteAsset))
            {
                continue;
            }

            // A negative extra hands the difference back to available.
            _ledger.Hold(order.Account, market.QuoteAsset, extra);
            book.Reprice(handle, mid, needed);
        }
    }

    /// <summary>
    /// Pegged orders that can trade at the new mid do, each as an incoming order, in arrival order. A side
    /// whose contra side has no eligible peg and no limit order at or through the mid is not visited:
    /// nothing joins the book during the update, so it cannot gain one. This keeps an update linear in
    /// the number of pegs when pegs rest out of range.
    /// </summary>
    private void RematchPegs(Market market)
    {
        IOrderBook book = market.Book;
        _mid = market.UsableMid(_now);
        bool buysMayTrade = book.WouldCross(Side.Buy, _mid) || AnyEligiblePeg(book, Side.Sell);
        bool sellsMayTrade = book.WouldCross(Side.Sell, _mid) || AnyEligiblePeg(book, Side.Buy);
        for (int i = 0; i < _pegs.Count; i++)
        {
            if (_pegs.IsBuy[i] ? buysMayTrade : sellsMayTrade)
            {
                RunResting(market, _pegs.Accounts[i], _pegs.OrderIds[i]);
                RunRechecks(market);
            }
        }
    }

    private bool AnyEligiblePeg(IOrderBook book, Side side)
    {
        _eligiblePegs.Reset(this);
        book.ScanPegs(side, _eligiblePegs);
        return _eligiblePegs.Found;
    }

    /// <summary>Order keys (both sides' pegged orders, or an auction's IOC orders) in arrival order, in arrays reused from one use to the next.</summary>
    private sealed class PegCollector : IContraVisitor
    {
        private long[] _sequences = new long[64];
        private int[] _order = new int[64];
        private int[] _accounts = new int[64];
        private long[] _orderIds = new long[64];
        private bool[] _uncappedBuy = new bool[64];
        private bool[] _isBuy = new bool[64];

        public int Count { get; private set; }

        public int[] Accounts { get; private set; } = new int[64];

        public long[] OrderIds { get; private set; } = new long[64];

        public bool[] UncappedBuy { get; private set; } = new bool[64];

        public bool[] IsBuy { get; private set; } = new bool[64];

        private bool _iocOnly;

        /// <summary>Sizes the arrays for <paramref name="orders"/> keys (they never shrink).</summary>
        public void EnsureCapacity(int orders)
        {
            if (_sequences.Length < orders)
            {
                Grow(orders);
            }
        }

        private void Grow(int size)
        {
            Array.Resize(ref _sequences, size);
            Array.Resize(ref _order, size);
            Array.Resize(ref _accounts, size);
            Array.Resize(ref _orderIds, size);
            Array.Resize(ref _uncappedBuy, size);
            Array.Resize(ref _isBuy, size);
            Accounts = new int[size];
            OrderIds = new long[size];
            UncappedBuy = new bool[size];
            IsBuy = new bool[size];
        }

        /// <summary>Collects both sides' pegged orders.</summary>
        public void Collect(IOrderBook book)
        {
            Count = 0;
            _iocOnly = false;
            book.ScanPegs(Side.Buy, this);
            book.ScanPegs(Side.Sell, this);
            SortBySequence();
        }

        /// <summary>Collects the orders waiting only for this auction (IOC), whatever their kind.</summary>
        public void CollectIoc(IOrderBook book)
        {
            Count = 0;
            _iocOnly = true;
            book.VisitAll(this);
            SortBySequence();
        }

        private void SortBySequence()
        {
            // Each side's queue is already in arrival order; sort the two together by sequence.
            for (int i = 0; i < Count; i++)
            {
                _order[i] = i;
            }

            _sequences.AsSpan(0, Count).Sort(_order.AsSpan(0, Count));
            for (int i = 0; i < Count; i++)
            {
                int from = _order[i];
                Accounts[i] = _accounts[from];
                OrderIds[i] = _orderIds[from];
                UncappedBuy[i] = _uncappedBuy[from];
                IsBuy[i] = _isBuy[from];
            }
        }

        public bool Visit(in OrderData resting)
        {
            if (_iocOnly && (resting.Flags & OrderFlags.Ioc) == 0)
            {
                return true;
            }

            if (Count == _sequences.Length)
            {
                Grow(Count * 2);
            }

            _sequences[Count] = resting.Sequence;
            _accounts[Count] = resting.Account;
            _orderIds[Count] = resting.OrderId;
            _uncappedBuy[Count] = resting.Side == Side.Buy && (resting.Flags & OrderFlags.Capped) == 0;
            _isBuy[Count] = resting.Side == Side.Buy;
            Count++;
            return true;
        }
    }
}
