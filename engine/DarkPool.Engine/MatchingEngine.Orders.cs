using DarkPool.Engine.Internal;

namespace DarkPool.Engine;

/// <summary>Order entry: place, cancel, amend, mass cancel.</summary>
public sealed partial class MatchingEngine
{
    private void Place(in Command c)
    {
        RejectReason reason = ValidatePlace(c, out Market? market, out long hold);
        if (reason != RejectReason.None)
        {
            Reject(c, reason);
            return;
        }

        SetCurrent(market!);
        IOrderBook book = market!.Book;
        var taker = new Taker
        {
            Type = c.OrderType,
            SpendLeft = c.Side == Side.Buy ? hold : long.MaxValue,
            Order = new OrderData
            {
                OrderId = c.OrderId,
                Account = c.Account,
                Side = c.Side,
                Price = c.OrderType == OrderType.Limit ? c.Price : 0,
                Remaining = c.Quantity,
                Hold = hold,
                Stp = c.Stp,
                PostOnly = c.Has(CommandFlags.PostOnly),
            },
        };

        EmitOrderEvent(EventType.Accepted, taker.Order, c.Quantity, CancelReason.None);
        _ledger.Hold(c.Account, market.HeldAsset(c.Side), hold);

        long sellBudget = c.Side == Side.Sell && c.Has(CommandFlags.HasBudget) ? c.Budget : 0;
        if (c.TimeInForce == TimeInForce.Fok && !_fokProbe.IsFillable(book, taker, market, sellBudget))
        {
            Finish(ref taker, rest: false);
            return;
        }

        book.Match(ref taker, this);
        Finish(ref taker, rest: c.OrderType == OrderType.Limit && c.TimeInForce == TimeInForce.Gtc);
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

    private RejectReason ValidatePlace(in Command c, out Market? market, out long hold)
    {
        hold = 0;
        if (!TryGetMarket(c.Market, out market))
        {
            return RejectReason.UnknownMarket;
        }

        if (!IsAccount(c.Account))
        {
            return RejectReason.UnknownAccount;
        }

        if (c.OrderType == OrderType.Midpoint || c.Has(CommandFlags.HasMinQuantity) || market.Mode != MarketMode.Continuous)
        {
            return RejectReason.Unsupported;
        }

        if (c.OrderType is not (OrderType.Limit or OrderType.Market) || c.Side is not (Side.Buy or Side.Sell)
            || c.Stp > StpMode.Decrement)
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

        if (c.OrderType == OrderType.Limit)
        {
            if (!market.IsValidPrice(c.Price))
            {
                return RejectReason.InvalidPrice;
            }

            if (!FeeMath.TryBuyHold(c.Price, c.Quantity, market.HoldFeeBps, out long buyHold))
            {
                return RejectReason.InvalidQuantity;
            }

            hold = c.Side == Side.Buy ? buyHold : baseUnits;
        }
        else
        {
            if (c.Price != 0)
            {
                return RejectReason.InvalidPrice;
            }

            hold = c.Side == Side.Buy ? _ledger.Available(c.Account, market.QuoteAsset) : baseUnits;
        }

        if (c.Has(CommandFlags.HasBudget))
        {
            if (c.OrderType != OrderType.Market || c.Budget <= 0
                || (c.Side == Side.Sell && c.TimeInForce != TimeInForce.Fok))
            {
                return RejectReason.InvalidBudget;
            }

            if (c.Side == Side.Buy)
            {
                hold = c.Budget;
            }
        }

        if (ContainsLiveOrder(c.Account, c.OrderId))
        {
            return RejectReason.DuplicateId;
        }

        if (hold <= 0 || hold > _ledger.Available(c.Account, market.HeldAsset(c.Side)))
        {
            return RejectReason.InsufficientFunds;
        }

        if (c.Has(CommandFlags.PostOnly) && market.Book.WouldCross(c.Side, c.Price))
        {
            return RejectReason.PostOnlyWouldCross;
        }

        return RejectReason.None;
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
