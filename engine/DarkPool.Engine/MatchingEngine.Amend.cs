using System.Runtime.CompilerServices;
using DarkPool.Engine.Internal;

namespace DarkPool.Engine;

/// <summary>Amend: reduce in place keeps priority; a new price or a larger size re-enters the book as an incoming order.</summary>
public sealed partial class MatchingEngine
{
    /// <summary>The event of a move (<see cref="EmitAmended"/>): only the fields it sets are ever written, the others stay zero.</summary>
    private EngineEvent _moved;

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

        // Read in place rather than copied: a move needs a few of the order's fields, and every one is read
        // before the book changes (the reference book's Move replaces its node).
        ref readonly OrderData order = ref book.Get(handle);
        bool hasPrice = c.Has(CommandFlags.HasPrice);
        long price = hasPrice ? c.Price : order.Price;
        long quantity = c.Has(CommandFlags.HasQuantity) ? c.Quantity : order.Remaining;
        if (hasPrice && !market.IsValidPrice(price))
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

        Side side = order.Side;
        long hold = side == Side.Buy ? buyHold : baseUnits;

        SetCurrent(market);
        // A limit given to an uncapped pegged order is a new limit even when it equals the mid its hold covers.
        bool newLimit = price != order.Price
            || (order.IsPegged && hasPrice && (order.Flags & OrderFlags.Capped) == 0);
        if (!newLimit && quantity <= order.Remaining)
        {
            ReduceOnAmend(market, handle, quantity, hold);
            return;
        }

        int account = order.Account;
        int asset = market.HeldAsset(side);
        long extra = hold - order.Hold;
        if (order.PostOnly)
        {
            // Funds are judged before the post-only check, as for a place; the hold itself waits until both pass.
            if (extra > 0 && extra > _ledger.Available(account, asset))
            {
                Reject(c, RejectReason.InsufficientFunds);
                return;
            }

            if (PostOnlyWouldTrade(market, side, price))
            {
                Reject(c, RejectReason.PostOnlyWouldCross);
                return;
            }
        }

        // A sell moved to a new price keeps its hold (base units): its extra is zero, which always succeeds and
        // changes nothing. It is not skipped: a branch on it would be a coin toss (the side) on every move, where
        // the ledger entry's load is off the critical path. A negative extra hands the difference back to
        // available, and always succeeds.
        if (!_ledger.TryHold(account, asset, extra))
        {
            Reject(c, RejectReason.InsufficientFunds);
            return;
        }

        if (order.IsPegged)
        {
            AmendPeg(market, handle, order, price, quantity, hold, hasPrice);
            return;
        }

        if (market.Mode == MarketMode.Auction || (!book.WouldCross(side, price) && !MayMeetPegs(market, side, price)))
        {
            // Nothing to match: move the order to the back of its new level in one step.
            long orderId = order.OrderId;
            book.Move(handle, price, quantity, hold, ++_sequence);
            EmitAmended(account, orderId, side, price, quantity);
            return;
        }

        CrossOnAmend(book, handle, price, quantity, hold);
    }

    /// <summary>Same price, not larger: the order keeps its place and the freed hold is released.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ReduceOnAmend(Market market, int handle, long quantity, long hold)
    {
        OrderData order = market.Book.Get(handle);
        // The old hold covers the old remaining quantity at this price, so it is at least the new hold (see docs/ENGINE.md, holds).
        _ledger.Release(order.Account, market.HeldAsset(order.Side), order.Hold - hold);
        market.Book.Reduce(handle, quantity, hold);
        order.Remaining = quantity;
        EmitOrderEvent(EventType.Amended, order, quantity, CancelReason.None);
        if (order.MinQuantity != 0)
        {
            // A smaller order has a smaller minimum: a crossing it blocked may trade now.
            RunResting(market, order.Account, order.OrderId);
            RunRechecks(market);
        }
    }

    /// <summary>
    /// The rare branch: the amended order crosses, so it leaves the book and matches as an incoming order.
    /// Kept out of line so that the common move path keeps a small stack frame.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void CrossOnAmend(IOrderBook book, int handle, long price, long quantity, long hold)
    {
        OrderData order = book.Get(handle);
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

    /// <summary>The <see cref="EventType.Amended"/> event of an order moved to <paramref name="price"/> with <paramref name="quantity"/> lots.</summary>
    /// <remarks>
    /// Built in <see cref="_moved"/>, whose other fields stay zero, rather than in a fresh local: the sink copies what
    /// it keeps (see <see cref="IEventSink"/>), so only the fields an amend sets are written, and the move's
    /// frame does not carry (and zero) an event.
    /// </remarks>
    private void EmitAmended(int account, long orderId, Side side, long price, long quantity)
    {
        ref EngineEvent e = ref _moved;
        e.Type = EventType.Amended;
        e.Command = _commandType;
        e.Market = _current.Id;
        e.Account = account;
        e.OrderId = orderId;
        e.Side = side;
        e.Price = price;
        e.Quantity = quantity;
        e.Remaining = quantity;
        _sink.OnEvent(e);
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
