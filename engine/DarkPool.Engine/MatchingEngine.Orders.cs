using DarkPool.Engine.Internal;

namespace DarkPool.Engine;

/// <summary>Order entry: place, cancel, amend, mass cancel.</summary>
public sealed partial class MatchingEngine
{
    private void Place(in Command c)
    {
        RejectReason reason = ValidatePlace(c, out Market? market, out long hold, out long price);
        if (reason != RejectReason.None)
        {
            Reject(c, reason);
            return;
        }

        SetCurrent(market!);
        IOrderBook book = market!.Book;
        bool auction = market.Mode == MarketMode.Auction;
        var taker = new Taker
        {
            Type = c.OrderType,
            SpendLeft = c.Side == Side.Buy ? hold : long.MaxValue,
            Order = new OrderData
            {
                OrderId = c.OrderId,
                Account = c.Account,
                Side = c.Side,
                Price = price,
                Remaining = c.Quantity,
                Hold = hold,
                Stp = c.Stp,
                MinQuantity = c.Has(CommandFlags.HasMinQuantity) ? c.MinQuantity : 0,
                Flags = OrderFlagsOf(c, auction),
            },
        };

        EmitOrderEvent(EventType.Accepted, taker.Order, c.Quantity, CancelReason.None);
        _ledger.Hold(c.Account, market.HeldAsset(c.Side), hold);
        if (auction)
        {
            // A call market: orders wait for the next uncross.
            Finish(ref taker, rest: true);
            return;
        }

        long sellBudget = c.Side == Side.Sell && c.Has(CommandFlags.HasBudget) ? c.Budget : 0;
        if (c.TimeInForce == TimeInForce.Fok && !_fokProbe.IsFillable(book, taker, market, sellBudget, market.UsableMid(_now)))
        {
            Finish(ref taker, rest: false);
            return;
        }

        RunTaker(ref taker, market);
        Finish(ref taker, rest: c.OrderType != OrderType.Market && c.TimeInForce == TimeInForce.Gtc);
        if (c.TimeInForce == TimeInForce.Fok && taker.Order.Remaining != 0 && !taker.Cancelled)
        {
            throw new EngineConsistencyException("A fill-or-kill order passed its pre-check but did not fill.");
        }

        RunRechecks(market);
    }

    private static OrderFlags OrderFlagsOf(in Command c, bool auction)
    {
        OrderFlags flags = c.Has(CommandFlags.PostOnly) ? OrderFlags.PostOnly : OrderFlags.None;
        if (c.OrderType == OrderType.Midpoint)
        {
            flags |= OrderFlags.Pegged | (c.Has(CommandFlags.HasPrice) ? OrderFlags.Capped : OrderFlags.None);
        }

        if (auction && c.TimeInForce == TimeInForce.Ioc)
        {
            flags |= OrderFlags.Ioc;
        }

        return flags;
    }

    /// <summary>After matching: rest the remainder, or cancel it as unfilled, and release what is no longer needed.</summary>
    private void Finish(ref Taker taker, bool rest)
    {
        if (taker.Cancelled)
        {
            return;
        }

        ref OrderData order = ref taker.Order;
        int asset = _current.HeldAsset(order.Side);
        if (order.Remaining == 0)
        {
            ReleaseAll(ref order, asset);
            return;
        }

        if (rest)
        {
            order.Sequence = ++_sequence;
            _current.Book.Add(order);
            return;
        }

        ReleaseAll(ref order, asset);
        EmitOrderEvent(EventType.Cancelled, order, order.Remaining, CancelReason.Unfilled);
    }

    private RejectReason ValidatePlace(in Command c, out Market? market, out long hold, out long price)
    {
        hold = 0;
        price = 0;
        if (!TryGetMarket(c.Market, out market))
        {
            return RejectReason.UnknownMarket;
        }

        if (!IsAccount(c.Account))
        {
            return RejectReason.UnknownAccount;
        }

        if (market.Mode == MarketMode.Auction
            && (c.OrderType == OrderType.Market || c.TimeInForce == TimeInForce.Fok || c.Has(CommandFlags.PostOnly)))
        {
            // A call market has no taker: no market orders, no fill-or-kill, nothing to post only.
            return RejectReason.Unsupported;
        }

        if (c.OrderType > OrderType.Midpoint || c.Side is not (Side.Buy or Side.Sell) || c.Stp > StpMode.Decrement)
        {
            return RejectReason.InvalidCommand;
        }

        if (c.TimeInForce > TimeInForce.Fok
            || (c.OrderType == OrderType.Market && c.TimeInForce == TimeInForce.Gtc)
            || (c.Has(CommandFlags.PostOnly) && (c.OrderType != OrderType.Limit || c.TimeInForce != TimeInForce.Gtc)))
        {
            return RejectReason.InvalidTimeInForce;
        }

        if (c.Quantity <= 0 || !FeeMath.TryMultiply(c.Quantity, market.LotSize, out long baseUnits))
        {
            return RejectReason.InvalidQuantity;
        }

        RejectReason priced = c.OrderType switch
        {
            OrderType.Limit => PriceLimit(c, market, baseUnits, out hold, out price),
            OrderType.Midpoint => PriceMidpoint(c, market, baseUnits, out hold, out price),
            _ => PriceMarket(c, market, baseUnits, out hold),
        };
        if (priced != RejectReason.None)
        {
            return priced;
        }

        if (c.Has(CommandFlags.HasMinQuantity) && (c.MinQuantity <= 0 || c.MinQuantity > c.Quantity))
        {
            return RejectReason.InvalidMinQuantity;
        }

        if (ContainsLiveOrder(c.Account, c.OrderId))
        {
            return RejectReason.DuplicateId;
        }

        if (hold <= 0 || hold > _ledger.Available(c.Account, market.HeldAsset(c.Side)))
        {
            return RejectReason.InsufficientFunds;
        }

        if (c.Has(CommandFlags.PostOnly) && PostOnlyWouldTrade(market, c.Side, c.Price))
        {
            return RejectReason.PostOnlyWouldCross;
        }

        return RejectReason.None;
    }

    private RejectReason PriceLimit(in Command c, Market market, long baseUnits, out long hold, out long price)
    {
        hold = 0;
        price = c.Price;
        if (!market.IsValidPrice(c.Price))
        {
            return RejectReason.InvalidPrice;
        }

        if (!FeeMath.TryBuyHold(c.Price, c.Quantity, market.HoldFeeBps, out long buyHold))
        {
            return RejectReason.InvalidQuantity;
        }

        hold = c.Side == Side.Buy ? buyHold : baseUnits;
        return c.Has(CommandFlags.HasBudget) ? RejectReason.InvalidBudget : RejectReason.None;
    }

    /// <summary>
    /// A pegged order's price is its cap (buy) or floor (sell) when given; an uncapped buy holds for the
    /// current reference mid and is re-held at each reference update (docs/ENGINE.md, holds of pegged orders).
    /// </summary>
    private static RejectReason PriceMidpoint(in Command c, Market market, long baseUnits, out long hold, out long price)
    {
        hold = 0;
        price = 0;
        if (c.Has(CommandFlags.HasPrice))
        {
            if (!market.IsValidPrice(c.Price))
            {
                return RejectReason.InvalidPrice;
            }

            price = c.Price;
        }
        else if (c.Price != 0)
        {
            return RejectReason.InvalidPrice;
        }

        if (c.Has(CommandFlags.HasBudget))
        {
            return RejectReason.InvalidBudget;
        }

        if (c.Side == Side.Sell)
        {
            hold = baseUnits;
            return RejectReason.None;
        }

        if (price == 0)
        {
            if (!market.HasReference)
            {
                return RejectReason.NoReference;
            }

            price = market.ReferenceMid;
        }

        return FeeMath.TryBuyHold(price, c.Quantity, market.HoldFeeBps, out hold) ? RejectReason.None : RejectReason.InvalidQuantity;
    }

    private RejectReason PriceMarket(in Command c, Market market, long baseUnits, out long hold)
    {
        hold = c.Side == Side.Buy ? _ledger.Available(c.Account, market.QuoteAsset) : baseUnits;
        if (c.Price != 0)
        {
            return RejectReason.InvalidPrice;
        }

        if (c.Has(CommandFlags.HasBudget))
        {
            if (c.Budget <= 0 || (c.Side == Side.Sell && c.TimeInForce != TimeInForce.Fok))
            {
                return RejectReason.InvalidBudget;
            }

            if (c.Side == Side.Buy)
            {
                hold = c.Budget;
            }
        }

        return RejectReason.None;
    }

    /// <summary>
    /// Would a post-only limit order trade on arrival: against a resting limit order it crosses, or
    /// against a pegged order that may trade at a mid it reaches? Minimum quantities are not considered:
    /// a post-only order that crosses is refused even if minimums would have kept it from trading.
    /// </summary>
    private bool PostOnlyWouldTrade(Market market, Side side, long price)
    {
        if (market.Book.WouldCross(side, price))
        {
            return true;
        }

        _mid = market.UsableMid(_now);
        Side contra = side == Side.Buy ? Side.Sell : Side.Buy;
        if (_mid == 0 || market.Book.PegCount(contra) == 0 || (side == Side.Buy ? price < _mid : price > _mid))
        {
            return false;
        }

        _eligiblePegs.Reset(this);
        market.Book.ScanPegs(contra, _eligiblePegs);
        return _eligiblePegs.Found;
    }

    /// <summary>Finds whether any pegged order of a side may trade at the current mid.</summary>
    private sealed class EligiblePegFinder : IContraVisitor
    {
        private MatchingEngine _engine = null!;

        public bool Found { get; private set; }

        public void Reset(MatchingEngine engine)
        {
            _engine = engine;
            Found = false;
        }

        public bool Visit(in OrderData resting)
        {
            Found = _engine.PegEligible(resting);
            return !Found;
        }
    }

    /// <summary>Client order ids are unique across all of an account's live orders, in every market.</summary>
    private bool ContainsLiveOrder(int account, long orderId)
    {
        foreach (Market m in _marketsById)
        {
            if (m.Book.Find(account, orderId) != 0)
            {
                return true;
            }
        }

        return false;
    }

    private void Cancel(in Command c)
    {
        if (!TryGetMarket(c.Market, out Market? market))
        {
            Reject(c, RejectReason.UnknownMarket);
            return;
        }

        int handle = market.Book.Find(c.Account, c.OrderId);
        if (handle == 0)
        {
            Reject(c, RejectReason.UnknownOrder);
            return;
        }

        OrderData order = market.Book.Get(handle);
        market.Book.Remove(handle);

        SetCurrent(market);
        long released = order.Remaining;
        ReleaseAll(ref order, market.HeldAsset(order.Side));
        EmitOrderEvent(EventType.Cancelled, order, released, CancelReason.User);
    }

    private void MassCancel(in Command c)
    {
        if (!IsAccount(c.Account))
        {
            Reject(c, RejectReason.UnknownAccount);
            return;
        }

        _bulkReason = CancelReason.Mass;
        _bulkCount = 0;
        if (c.Has(CommandFlags.HasMarket))
        {
            if (!TryGetMarket(c.Market, out Market? market))
            {
                Reject(c, RejectReason.UnknownMarket);
                return;
            }

            SetCurrent(market);
            market.Book.RemoveAll(c.Account, this);
        }
        else
        {
            foreach (Market m in _marketsById)
            {
                _current = m;
                m.Book.RemoveAll(c.Account, this);
            }
        }

        // Always answered, so that a caller (a dead-man's switch, say) knows it ran even when nothing was live.
        _sink.OnEvent(new EngineEvent
        {
            Type = EventType.MassCancelled,
            Command = _commandType,
            Account = c.Account,
            Market = c.Has(CommandFlags.HasMarket) ? c.Market : -1,
            Quantity = _bulkCount,
        });
    }

    void IOrderSink.OnRemoved(in OrderData order)
    {
        OrderData copy = order;
        long released = copy.Remaining;
        ReleaseAll(ref copy, _current.HeldAsset(copy.Side));
        _bulkCount++;
        EmitOrderEvent(EventType.Cancelled, copy, released, _bulkReason);
    }

    private void ReleaseAll(ref OrderData order, int asset)
    {
        if (order.Hold != 0)
        {
            _ledger.Release(order.Account, asset, order.Hold);
            order.Hold = 0;
        }
    }

    /// <summary>The hold a resting limit order needs for its remaining quantity.</summary>
    private static bool TryRestingHold(Market market, Side side, long price, long quantity, out long hold)
    {
        if (side == Side.Buy)
        {
            return FeeMath.TryBuyHold(price, quantity, market.HoldFeeBps, out hold);
        }

        return FeeMath.TryMultiply(quantity, market.LotSize, out hold);
    }
}
