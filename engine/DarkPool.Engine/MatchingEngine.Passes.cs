using System.Runtime.CompilerServices;
using DarkPool.Engine.Internal;

namespace DarkPool.Engine;

/// <summary>
/// How an incoming order walks the book in a continuous market: resting limit orders up to the mid,
/// then the pegged orders at the mid, then limit orders beyond it; and again while minimum quantities
/// made it skip something that its own fills have since made acceptable.
/// </summary>
public sealed partial class MatchingEngine
{
    /// <summary>The usable reference mid of the market being matched, or 0: set before every walk.</summary>
    private long _mid;

    /// <summary>Set by the handler when a minimum quantity made it skip a resting order in this pass.</summary>
    private bool _skipped;

    /// <summary>Set by the handler when it stopped for a reason other than the taker being done (a budget).</summary>
    private bool _stopped;

    private bool _recheckPending;
    private int _recheckAccount;
    private long _recheckOrderId;

    /// <summary>Runs an incoming order against the book. The common case (no pegs, no minimums) is one plain walk.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void RunTaker(ref Taker taker, Market market)
    {
        IOrderBook book = market.Book;
        taker.Limit = taker.OwnLimit;
        if (market.HasReference || taker.Type == OrderType.Midpoint || taker.Order.MinQuantity != 0 || book.MinQuantityCount != 0)
        {
            RunTakerSlow(ref taker, market);
            return;
        }

        book.Match(ref taker, this);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RunTakerSlow(ref Taker taker, Market market)
    {
        IOrderBook book = market.Book;
        _mid = market.UsableMid(_now);
        Side contra = taker.Order.Side == Side.Buy ? Side.Sell : Side.Buy;
        if (taker.Type == OrderType.Midpoint && (_mid == 0 || !PegEligible(taker.Order)))
        {
            return;
        }

        bool pegs = _mid != 0 && (taker.Type == OrderType.Midpoint || book.PegCount(contra) != 0);
        while (true)
        {
            _skipped = false;
            _stopped = false;
            long before = taker.Order.Remaining;
            if (pegs)
            {
                PassWithPegs(ref taker, market);
            }
            else
            {
                book.Match(ref taker, this);
            }

            if (!_skipped || _stopped || taker.Cancelled || taker.Order.Remaining == 0 || taker.Order.Remaining == before)
            {
                return;
            }
        }
    }

    /// <summary>One pass when pegged orders can trade: limit orders at or better than the mid, the pegs, then the rest.</summary>
    private void PassWithPegs(ref Taker taker, Market market)
    {
        IOrderBook book = market.Book;
        bool buy = taker.Order.Side == Side.Buy;
        long own = taker.OwnLimit;
        bool reachesMid = taker.Type == OrderType.Midpoint || (buy ? own >= _mid : own <= _mid);
        if (!reachesMid)
        {
            taker.Limit = own;
            taker.HasFrom = false;
            book.Match(ref taker, this);
            return;
        }

        taker.Limit = _mid;
        taker.HasFrom = false;
        book.Match(ref taker, this);
        if (Done(taker))
        {
            return;
        }

        book.MatchPegs(ref taker, this);
        if (Done(taker) || taker.Type == OrderType.Midpoint)
        {
            return;
        }

        // Beyond the mid: start after it. The mid may fall between ticks, so the start is the tick on its near side.
        taker.HasFrom = TryStartBeyondMid(_mid, market.TickSize, buy, out taker.From);
        taker.Limit = own;
        book.Match(ref taker, this);
        taker.HasFrom = false;
    }

    /// <summary>
    /// Where a walk past the mid starts (exclusive): the grid price on the mid's near side, since the mid may
    /// fall between ticks. False when a sell's start would pass the top of the integer range: then no bid is
    /// at or above the mid and the walk starts from the best bid.
    /// </summary>
    internal static bool TryStartBeyondMid(long mid, long tickSize, bool buy, out long from)
    {
        long floor = mid - (mid % tickSize);
        if (buy || floor == mid)
        {
            from = floor;
            return true;
        }

        from = floor > long.MaxValue - tickSize ? 0 : floor + tickSize;
        return from != 0;
    }

    private bool Done(in Taker taker) => taker.Order.Remaining == 0 || taker.Cancelled || _stopped;

    /// <summary>
    /// True when a pegged order may trade at the current mid: a buy while the mid is at or below its
    /// price (its cap, or the mid its hold covers), a sell while the mid is at or above its floor.
    /// </summary>
    private bool PegEligible(in OrderData order) => PegRules.Eligible(order, _mid);

    /// <summary>
    /// Lets resting orders whose change made a blocked crossing tradeable trade now: a resting order with
    /// a minimum quantity that was partly filled or reduced. It trades as the incoming order and keeps its
    /// place for any remainder. Each round needs a fill, so this ends.
    /// </summary>
    private void RunRechecks(Market market)
    {
        while (_recheckPending)
        {
            _recheckPending = false;
            RunResting(market, _recheckAccount, _recheckOrderId);
        }
    }

    /// <summary>Matches a resting order as if it were incoming, then writes what is left of it back in place.</summary>
    private void RunResting(Market market, int account, long orderId)
    {
        IOrderBook book = market.Book;
        int handle = book.Find(account, orderId);
        if (handle == 0 || market.Mode != MarketMode.Continuous)
        {
            return;
        }

        OrderData order = book.Get(handle);
        if (!CanTradeNow(market, order))
        {
            return;
        }

        var taker = new Taker
        {
            Order = order,
            Type = order.IsPegged ? OrderType.Midpoint : OrderType.Limit,
            SpendLeft = order.Side == Side.Buy ? order.Hold : long.MaxValue,
        };
        taker.Limit = taker.OwnLimit;
        RunTakerSlow(ref taker, market);

        handle = book.Find(account, orderId);
        if (taker.Cancelled || taker.Order.Remaining == 0)
        {
            // Self-trade prevention already released the hold of a cancelled order; a filled one releases here.
            ReleaseAll(ref taker.Order, market.HeldAsset(order.Side));
            book.Remove(handle);
            return;
        }

        if (taker.Order.Remaining != order.Remaining || taker.Order.Hold != order.Hold)
        {
            book.Reduce(handle, taker.Order.Remaining, taker.Order.Hold);
        }
    }

    /// <summary>A cheap test before re-running a resting order: is there anything on the other side it could meet?</summary>
    private bool CanTradeNow(Market market, in OrderData order)
    {
        IOrderBook book = market.Book;
        Side contra = order.Side == Side.Buy ? Side.Sell : Side.Buy;
        _mid = market.UsableMid(_now);
        if (order.IsPegged)
        {
            return _mid != 0 && PegEligible(order) && (book.PegCount(contra) != 0 || book.WouldCross(order.Side, _mid));
        }

        return book.WouldCross(order.Side, order.Price)
            || (_mid != 0 && book.PegCount(contra) != 0 && (order.Side == Side.Buy ? order.Price >= _mid : order.Price <= _mid));
    }
}
