namespace DarkPool.Engine.Internal;

/// <summary>
/// Fill-or-kill pre-check: walks the contra orders the taker would meet, in the order and in the passes
/// matching would make (limit orders up to the mid, pegged orders at the mid, limit orders beyond it;
/// then the orders a minimum quantity made it skip, while fills keep lowering that minimum), and decides
/// whether the whole quantity would trade. Only other accounts' orders count; an own order is skipped
/// when self-trade prevention would cancel it (cancel resting) and makes the order unfillable otherwise
/// (the taker would be cut short). Budgets are checked fill by fill with the same fee rounding as
/// execution, so a pass here means execution fills completely (the engine asserts it).
/// </summary>
internal sealed class FokProbe : IContraVisitor
{
    private OrderData[] _skipped = new OrderData[16];
    private OrderData[] _again = new OrderData[16];
    private int _skippedCount;
    private long _needed;
    private long _minQuantity;
    private long _spendLeft;
    private long _proceeds;
    private long _mid;
    private int _account;
    private bool _spendLimited;
    private bool _takerPegged;
    private bool _blocked;
    private StpMode _stp;
    private int _takerFeeBps;

    public bool IsFillable(IOrderBook book, in Taker taker, Market market, long sellBudget, long mid)
    {
        _needed = taker.Order.Remaining;
        _minQuantity = taker.Order.MinQuantity;
        _account = taker.Order.Account;
        _stp = taker.Order.Stp;
        _takerFeeBps = market.TakerFeeBps;
        _spendLimited = taker.Order.Side == Side.Buy && taker.Type == OrderType.Market;
        _takerPegged = taker.Type == OrderType.Midpoint;
        _spendLeft = taker.SpendLeft;
        _proceeds = 0;
        _blocked = false;
        _skippedCount = 0;
        _mid = mid;
        if (_takerPegged && (mid == 0 || !PegRules.Eligible(taker.Order, mid)))
        {
            return false;
        }

        FirstPass(book, taker, market);
        while (!_blocked && _needed != 0 && _skippedCount != 0)
        {
            // Matching walks again only what it skipped, and only if the last pass filled something.
            long before = _needed;
            (_skipped, _again) = (_again, _skipped);
            int count = _skippedCount;
            _skippedCount = 0;
            for (int i = 0; i < count && Visit(_again[i]); i++)
            {
            }

            if (_needed == before)
            {
                break;
            }
        }

        return !_blocked && _needed == 0 && (sellBudget == 0 || _proceeds >= sellBudget);
    }

    private void FirstPass(IOrderBook book, in Taker taker, Market market)
    {
        Taker walk = taker;
        walk.Limit = walk.OwnLimit;
        walk.HasFrom = false;
        Side contra = taker.Order.Side == Side.Buy ? Side.Sell : Side.Buy;
        bool buy = taker.Order.Side == Side.Buy;
        bool pegs = _mid != 0 && (_takerPegged || book.PegCount(contra) != 0);
        if (!pegs || (!_takerPegged && (buy ? walk.Limit < _mid : walk.Limit > _mid)))
        {
            book.Scan(walk, this);
            return;
        }

        walk.Limit = _mid;
        book.Scan(walk, this);
        if (Stopped())
        {
            return;
        }

        book.ScanPegs(contra, this);
        if (Stopped() || _takerPegged)
        {
            return;
        }

        walk.HasFrom = MatchingEngine.TryStartBeyondMid(_mid, market.TickSize, buy, out walk.From);
        walk.Limit = walk.OwnLimit;
        book.Scan(walk, this);
    }

    private bool Stopped() => _blocked || _needed == 0;

    public bool Visit(in OrderData resting)
    {
        long price = resting.Price;
        if (_takerPegged || resting.IsPegged)
        {
            if (resting.IsPegged && !PegRules.Eligible(resting, _mid))
            {
                return true;
            }

            price = _mid;
        }

        long quantity = Math.Min(_needed, resting.Remaining);
        if (quantity < Math.Min(_minQuantity, _needed) || quantity < Math.Min(resting.MinQuantity, resting.Remaining))
        {
            if (_skippedCount == _skipped.Length)
            {
                Array.Resize(ref _skipped, _skippedCount * 2);
            }

            _skipped[_skippedCount++] = resting;
            return true;
        }

        if (resting.Account == _account)
        {
            if (_stp == StpMode.CancelResting)
            {
                return true;
            }

            _blocked = true;
            return false;
        }

        long notional = price * quantity;
        long fee = FeeMath.Fee(notional, _takerFeeBps);
        if (_spendLimited)
        {
            if (notional > _spendLeft || notional + fee > _spendLeft)
            {
                _blocked = true;
                return false;
            }

            _spendLeft -= notional + fee;
        }
        else
        {
            long net = notional - fee;
            _proceeds = _proceeds > long.MaxValue - net ? long.MaxValue : _proceeds + net;
        }

        _needed -= quantity;
        return _needed != 0;
    }
}
