using System.Runtime.CompilerServices;
using DarkPool.Engine.Internal;

namespace DarkPool.Engine;

/// <summary>The matching policy: what one meeting of a taker and a resting order does.</summary>
public sealed partial class MatchingEngine
{
    bool IMatchHandler.OnResting(ref Taker taker, ref OrderData resting)
    {
        long price = resting.Price;
        if (taker.Type == OrderType.Midpoint || resting.IsPegged)
        {
            // Pegged orders trade only at the mid, and only within their own limit (or hold).
            if (resting.IsPegged && !PegEligible(resting))
            {
                return true;
            }

            price = _mid;
        }

        long quantity = Math.Min(taker.Order.Remaining, resting.Remaining);
        if (!MeetsMinimums(taker.Order, resting, quantity))
        {
            // Skip, do not block: the next resting order may be large enough (docs/ENGINE.md, minimum quantity).
            _skipped = true;
            return true;
        }

        if (resting.Account == taker.Order.Account)
        {
            return SelfTrade(ref taker, ref resting);
        }

        Market market = _current;
        if (taker.Type == OrderType.Market && taker.Order.Side == Side.Buy)
        {
            long affordable = Math.Min(quantity, FeeMath.MaxNotional(taker.SpendLeft, market.TakerFeeBps) / price);
            if (affordable == 0 || (affordable < quantity && !MeetsMinimums(taker.Order, resting, affordable)))
            {
                _stopped = true;
                return false;
            }

            quantity = affordable;
        }

        taker.SpendLeft -= Fill(ref taker.Order, ref resting, price, quantity, market.TakerFeeBps, market.MakerFeeBps, taker.Type != OrderType.Market);
        if (resting.Remaining != 0)
        {
            NoteReduced(resting);
            return false;
        }

        return true;
    }

    /// <summary>
    /// Moves one fill between an incoming (or, in an auction, buying) order and a resting one: the
    /// ledger, both holds and remainders, the fees, and the trade event. Cannot overflow: the buyer's
    /// hold covered price x quantity (at its limit or hold price, never below the trade price) when it was accepted.
    /// </summary>
    /// <returns>What the incoming order paid in quote units, when it is the buyer; zero otherwise.</returns>
    private long Fill(ref OrderData taker, ref OrderData resting, long price, long quantity, int takerFeeBps, int makerFeeBps, bool trimTaker)
    {
        Market market = _current;
        long notional = price * quantity;
        long baseUnits = quantity * market.LotSize;
        long takerFee = FeeMath.Fee(notional, takerFeeBps);
        long makerFee = FeeMath.Fee(notional, makerFeeBps);
        if (taker.Side == Side.Buy)
        {
            SettleBuyer(ref taker, market, notional + takerFee, baseUnits);
            SettleSeller(ref resting, market, notional - makerFee, baseUnits);
        }
        else
        {
            SettleSeller(ref taker, market, notional - takerFee, baseUnits);
            SettleBuyer(ref resting, market, notional + makerFee, baseUnits);
        }

        _ledger.Credit(_options.FeeAccount, market.QuoteAsset, takerFee + makerFee);
        taker.Remaining -= quantity;
        resting.Remaining -= quantity;
        EmitTrade(taker, resting, price, quantity, takerFee, makerFee);
        if (trimTaker)
        {
            TrimBuyHold(ref taker, market);
        }

        if (resting.Remaining != 0)
        {
            TrimBuyHold(ref resting, market);
        }
        else
        {
            ReleaseAll(ref resting, market.HeldAsset(resting.Side));
        }

        return taker.Side == Side.Buy ? notional + takerFee : 0;
    }

    /// <summary>
    /// Minimum quantities, per fill: a fill must be at least each order's minimum, unless it completes
    /// that order. With no minimums (zero) this always holds.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool MeetsMinimums(in OrderData a, in OrderData b, long quantity) =>
        quantity >= Math.Min(a.MinQuantity, a.Remaining) && quantity >= Math.Min(b.MinQuantity, b.Remaining);

    /// <summary>A resting order with a minimum quantity shrank: its blocked crossings may have become tradeable.</summary>
    private void NoteReduced(in OrderData resting)
    {
        if (resting.MinQuantity != 0)
        {
            _recheckPending = true;
            _recheckAccount = resting.Account;
            _recheckOrderId = resting.OrderId;
        }
    }

    /// <summary>
    /// A partly filled limit buy keeps exactly what its remainder can cost; what a better price or a
    /// lower fee saved goes back to available at once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void TrimBuyHold(ref OrderData order, Market market)
    {
        if (order.Side != Side.Buy || order.Remaining == 0)
        {
            return;
        }

        FeeMath.TryBuyHold(order.Price, order.Remaining, market.HoldFeeBps, out long needed);
        long excess = order.Hold - needed;
        if (excess != 0)
        {
            _ledger.Release(order.Account, market.QuoteAsset, excess);
            order.Hold = needed;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SettleBuyer(ref OrderData buyer, Market market, long cost, long baseUnits)
    {
        _ledger.Spend(buyer.Account, market.QuoteAsset, cost);
        buyer.Hold -= cost;
        _ledger.Credit(buyer.Account, market.BaseAsset, baseUnits);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SettleSeller(ref OrderData seller, Market market, long proceeds, long baseUnits)
    {
        _ledger.Spend(seller.Account, market.BaseAsset, baseUnits);
        seller.Hold -= baseUnits;
        _ledger.Credit(seller.Account, market.QuoteAsset, proceeds);
    }

    private void EmitTrade(in OrderData taker, in OrderData maker, long price, long quantity, long takerFee, long makerFee)
    {
        var e = new EngineEvent
        {
            Type = EventType.Trade,
            Command = _commandType,
            Market = _current.Id,
            Account = taker.Account,
            OrderId = taker.OrderId,
            Side = taker.Side,
            Price = price,
            Quantity = quantity,
            Remaining = taker.Remaining,
            MakerAccount = maker.Account,
            MakerOrderId = maker.OrderId,
            MakerFee = makerFee,
            TakerFee = takerFee,
        };
        _sink.OnEvent(e);
    }

    /// <summary>The taker met a resting order of its own account: apply the taker's self-trade prevention mode.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool SelfTrade(ref Taker taker, ref OrderData resting)
    {
        switch (taker.Order.Stp)
        {
            case StpMode.CancelResting:
                CancelForStp(ref resting);
                return true;
            case StpMode.CancelIncoming:
                CancelTakerForStp(ref taker);
                return false;
            case StpMode.CancelBoth:
                CancelForStp(ref resting);
                CancelTakerForStp(ref taker);
                return false;
            default:
                long cut = Math.Min(taker.Order.Remaining, resting.Remaining);
                Decrement(ref resting, cut, limitOrder: true);
                if (resting.Remaining != 0)
                {
                    NoteReduced(resting);
                }

                Decrement(ref taker.Order, cut, limitOrder: taker.Type != OrderType.Market);
                if (taker.Order.Remaining == 0)
                {
                    taker.Cancelled = true;
                    return false;
                }

                return resting.Remaining == 0;
        }
    }

    private void CancelForStp(ref OrderData order)
    {
        long released = order.Remaining;
        order.Remaining = 0;
        ReleaseAll(ref order, _current.HeldAsset(order.Side));
        EmitOrderEvent(EventType.Cancelled, order, released, CancelReason.Stp);
    }

    private void CancelTakerForStp(ref Taker taker)
    {
        CancelForStp(ref taker.Order);
        taker.Cancelled = true;
    }

    /// <summary>Self-trade decrement: no trade prints; the hold shrinks with the order, and an order left at zero is cancelled.</summary>
    private void Decrement(ref OrderData order, long cut, bool limitOrder)
    {
        order.Remaining -= cut;
        int asset = _current.HeldAsset(order.Side);
        if (order.Remaining == 0)
        {
            ReleaseAll(ref order, asset);
            EmitOrderEvent(EventType.Cancelled, order, cut, CancelReason.Stp);
            return;
        }

        // A market buy keeps its spend limit as its hold; a limit or pegged order needs only what its remainder can cost.
        if (limitOrder || order.Side == Side.Sell)
        {
            TryRestingHold(_current, order.Side, order.Price, order.Remaining, out long hold);
            _ledger.Release(order.Account, asset, order.Hold - hold);
            order.Hold = hold;
        }

        EmitOrderEvent(EventType.Reduced, order, cut, CancelReason.Stp);
    }
}
