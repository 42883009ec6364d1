namespace DarkPool.Engine.Internal;

/// <summary>
/// Fill-or-kill pre-check: walks the contra orders the taker crosses, in the order matching would
/// meet them, and decides whether the whole quantity would trade. Only other accounts' orders count;
/// an own order is skipped when self-trade prevention would cancel it (cancel resting) and makes the
/// order unfillable otherwise (the taker would be cut short). Budgets are checked fill by fill with the
/// same fee rounding as execution, so a pass here means execution fills completely.
/// </summary>
internal sealed class FokProbe : IContraVisitor
{
    private long _needed;
    private long _spendLeft;
    private long _proceeds;
    private int _account;
    private bool _spendLimited;
    private bool _blocked;
    private StpMode _stp;
    private int _takerFeeBps;

    public bool IsFillable(IOrderBook book, in Taker taker, Market market, long sellBudget)
    {
        _needed = taker.Order.Remaining;
        _account = taker.Order.Account;
        _stp = taker.Order.Stp;
        _takerFeeBps = market.TakerFeeBps;
        _spendLimited = taker.Order.Side == Side.Buy && taker.Type == OrderType.Market;
        _spendLeft = taker.SpendLeft;
        _proceeds = 0;
        _blocked = false;
        book.Scan(taker, this);
        return !_blocked && _needed == 0 && (sellBudget == 0 || _proceeds >= sellBudget);
    }

    public bool Visit(in OrderData resting)
    {
        if (resting.Account == _account)
        {
            if (_stp == StpMode.CancelResting)
            {
                return true;
            }

            _blocked = true;
            return false;
        }

        long quantity = Math.Min(_needed, resting.Remaining);
        long notional = resting.Price * quantity;
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
