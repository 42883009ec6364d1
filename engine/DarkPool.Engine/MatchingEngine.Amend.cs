using System.Runtime.CompilerServices;
using DarkPool.Engine.Internal;

namespace DarkPool.Engine;

/// <summary>Amend: reduce in place keeps priority; a new price or a larger size re-enters the book as an incoming order.</summary>
public sealed partial class MatchingEngine
{
    private void Amend(in Command c)
    {
        if (!TryGetMarket(c.Market, out Market? market))
        {
            Reject(c, RejectReason.UnknownMarket);
            return;
        }

        IOrderBook book = market.Book;
        int handle = book.Find(c.Account, c.OrderId);
        if (handle == 0)
        {
            Reject(c, RejectReason.UnknownOrder);
            return;
        }

        OrderData order = book.Get(handle);
        long price = c.Has(CommandFlags.HasPrice) ? c.Price : order.Price;
        long quantity = c.Has(CommandFlags.HasQuantity) ? c.Quantity : order.Remaining;
        if (c.Has(CommandFlags.HasPrice) && !market.IsValidPrice(price))
        {
            Reject(c, RejectReason.InvalidPrice);
            return;
        }

        // Same checks as a place: the notional with its fee and the base units must both fit, whatever the side.
        if (quantity <= 0 || !FeeMath.TryBuyHold(price, quantity, market.HoldFeeBps, out long buyHold)
            || !FeeMath.TryMultiply(quantity, market.LotSize, out long baseUnits))
        {
            Reject(c, RejectReason.InvalidQuantity);
            return;
        }

        long hold = order.Side == Side.Buy ? buyHold : baseUnits;

        SetCurrent(market);
        int asset = market.HeldAsset(order.Side);
        // A limit given to an uncapped pegged order is a new limit even when it equals the mid its hold covers.
        bool newLimit = price != order.Price
            || (order.IsPegged && c.Has(CommandFlags.HasPrice) && (order.Flags & OrderFlags.Capped) == 0);
        if (!newLimit && quantity <= order.Remaining)
        {
            // Same price, not larger: the order keeps its place. The old hold covers the old remaining
            // quantity at this price, so it is at least the new hold (see docs/ENGINE.md, holds).
            _ledger.Release(order.Account, asset, order.Hold - hold);
            book.Reduce(handle, quantity, hold);
            order.Remaining = quantity;
            EmitOrderEvent(EventType.Amended, order, quantity, CancelReason.None);
            if (order.MinQuantity != 0)
            {
                // A smaller order has a smaller minimum: a crossing it blocked may trade now.
                RunResting(market, order.Account, order.OrderId);
                RunRechecks(market);
            }

            return;
        }

        long extra = hold - order.Hold;
        if (extra > _ledger.Available(order.Account, asset))
        {
            Reject(c, RejectReason.InsufficientFunds);
            return;
        }

        if (order.PostOnly && PostOnlyWouldTrade(market, order.Side, price))
        {
            Reject(c, RejectReason.PostOnlyWouldCross);
            return;
        }

        // A negative extra hands the difference back to available.
        _ledger.Hold(order.Account, asset, extra);

        if (order.IsPegged)
        {
            AmendPeg(market, handle, order, price, quantity, hold, c.Has(CommandFlags.HasPrice));
            return;
        }

        if (market.Mode == MarketMode.Auction || (!book.WouldCross(order.Side, price) && !MayMeetPegs(market, order.Side, price)))
        {
            // Nothing to match: move the order to the back of its new level in one step.
            order.Price = price;
            order.Remaining = quantity;
            order.Hold = hold;
            order.Sequence = ++_sequence;
            book.Move(handle, price, quantity, hold, order.Sequence);
            EmitOrderEvent(EventType.Amended, order, quantity, CancelReason.None);
            return;
        }

        CrossOnAmend(book, handle, order, price, quantity, hold);
    }

    /// <summary>
    /// The rare branch: the amended order crosses, so it leaves the book and matches as an incoming order.
    /// Kept out of line so that the common move path keeps a small stack frame.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void CrossOnAmend(IOrderBook book, int handle, in OrderData order, long price, long quantity, long hold)
    {
        book.Remove(handle);

        var taker = new Taker
        {
            Type = OrderType.Limit,
            Order = order,
            SpendLeft = order.Side == Side.Buy ? hold : long.MaxValue,
        };
        taker.Order.Price = price;
        taker.Order.Remaining = quantity;
        taker.Order.Hold = hold;
        EmitOrderEvent(EventType.Amended, taker.Order, quantity, CancelReason.None);
        RunTaker(ref taker, _current);
        Finish(ref taker, rest: true);
        RunRechecks(_current);
    }

    /// <summary>Could a limit order at this price meet a pegged order now? Cheap when the market has no reference.</summary>
    private bool MayMeetPegs(Market market, Side side, long price)
    {
        if (!market.HasReference || market.Book.PegCount(side == Side.Buy ? Side.Sell : Side.Buy) == 0)
        {
            return false;
        }

        long mid = market.UsableMid(_now);
        return mid != 0 && (side == Side.Buy ? price >= mid : price <= mid);
    }

    /// <summary>
    /// A pegged order with a new limit or a larger size goes to the back of its peg queue and, in a
    /// continuous market, trades at once if it can.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AmendPeg(Market market, int handle, OrderData order, long price, long quantity, long hold, bool newLimit)
    {
        IOrderBook book = market.Book;
        book.Remove(handle);
        order.Price = price;
        order.Remaining = quantity;
        order.Hold = hold;
        order.Sequence = ++_sequence;
        if (newLimit)
        {
            order.Flags |= OrderFlags.Capped;
        }

        book.Add(order);
        EmitOrderEvent(EventType.Amended, order, quantity, CancelReason.None);
        RunResting(market, order.Account, order.OrderId);
        RunRechecks(market);
    }
}
