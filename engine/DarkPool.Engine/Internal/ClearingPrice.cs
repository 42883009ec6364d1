namespace DarkPool.Engine.Internal;

/// <summary>
/// The uniform clearing price of a batch auction: among all prices the book could clear at, the one
/// that executes the most lots, then leaves the smallest imbalance, then lies nearest the reference
/// mid, then is the lowest. Volume is a step function of price that changes only at order prices (and
/// the mid, where pegged orders join), so it is enough to look at those prices and, between two of
/// them, at the one tick nearest the mid: between two order prices demand and supply are constant, so
/// only the distance to the mid tells the ticks there apart.
/// </summary>
internal static class ClearingPrice
{
    /// <param name="bids">Bid levels, best (highest) first.</param>
    /// <param name="asks">Ask levels, best (lowest) first.</param>
    /// <param name="pegBuy">Lots of pegged buys that may trade at <paramref name="mid"/>.</param>
    /// <param name="pegSell">Lots of pegged sells that may trade at <paramref name="mid"/>.</param>
    /// <param name="mid">The usable reference mid, or 0 (pegged orders then take no part).</param>
    /// <param name="tickSize">The market's tick size: the clearing price is an order price, the mid, or a tick.</param>
    /// <param name="price">The clearing price.</param>
    /// <param name="volume">Lots that would execute at it (before minimum quantities and self-trade prevention).</param>
    /// <returns>False when nothing crosses.</returns>
    public static bool TryFind(ReadOnlySpan<BookLevel> bids, ReadOnlySpan<BookLevel> asks, long pegBuy, long pegSell,
        long mid, long tickSize, out long price, out long volume)
    {
        var search = new Search(bids, asks, pegBuy, pegSell, mid);
        int bid = bids.Length - 1;
        int ask = 0;
        bool midPending = mid != 0;
        long previous = 0;
        while (true)
        {
            // The next order price (or the mid) above the previous one, walking bids from the worst up.
            bool any = false;
            long next = long.MaxValue;
            if (bid >= 0)
            {
                next = bids[bid].Price;
                any = true;
            }

            if (ask < asks.Length)
            {
                next = Math.Min(next, asks[ask].Price);
                any = true;
            }

            if (midPending)
            {
                next = Math.Min(next, mid);
                any = true;
            }

            if (!any)
            {
                break;
            }

            if (previous != 0)
            {
                // Between two candidates: the tick nearest the mid (from above or below), else the lowest.
                long between = mid != 0 && mid >= next ? (next - 1) / tickSize * tickSize : ((previous / tickSize) + 1) * tickSize;
                if (between > previous && between < next)
                {
                    search.Evaluate(between);
                }
            }

            search.Evaluate(next);
            previous = next;
            while (bid >= 0 && bids[bid].Price <= next)
            {
                bid--;
            }

            while (ask < asks.Length && asks[ask].Price <= next)
            {
                ask++;
            }

            midPending &= mid > next;
        }

        price = search.BestPrice;
        volume = (long)Int128.Min(search.BestVolume, long.MaxValue);
        return search.BestVolume > 0;
    }

    /// <summary>Demand and supply at ascending prices, with the best price so far.</summary>
    private ref struct Search
    {
        private readonly ReadOnlySpan<BookLevel> _bids;
        private readonly ReadOnlySpan<BookLevel> _asks;
        private readonly long _pegBuy;
        private readonly long _pegSell;
        private readonly long _mid;
        private readonly Int128 _totalBids;
        private Int128 _bidsBelow;
        private Int128 _asksAtOrBelow;
        private int _bid;
        private int _ask;
        private Int128 _bestImbalance;
        private long _bestDistance;

        public Search(ReadOnlySpan<BookLevel> bids, ReadOnlySpan<BookLevel> asks, long pegBuy, long pegSell, long mid)
        {
            _bids = bids;
            _asks = asks;
            _pegBuy = pegBuy;
            _pegSell = pegSell;
            _mid = mid;
            foreach (BookLevel level in bids)
            {
                _totalBids += level.Quantity;
            }

            _bid = bids.Length - 1;
        }

        public long BestPrice { get; private set; }

        public Int128 BestVolume { get; private set; }

        /// <summary>Evaluates a price; prices come in ascending order, so a full tie keeps the lower one.</summary>
        public void Evaluate(long price)
        {
            while (_bid >= 0 && _bids[_bid].Price < price)
            {
                _bidsBelow += _bids[_bid].Quantity;
                _bid--;
            }

            while (_ask < _asks.Length && _asks[_ask].Price <= price)
            {
                _asksAtOrBelow += _asks[_ask].Quantity;
                _ask++;
            }

            bool pegs = _mid != 0;
            Int128 demand = _totalBids - _bidsBelow + (pegs && _mid >= price ? _pegBuy : 0);
            Int128 supply = _asksAtOrBelow + (pegs && _mid <= price ? _pegSell : 0);
            Int128 volume = Int128.Min(demand, supply);
            Int128 imbalance = Int128.Abs(demand - supply);
            long distance = pegs ? Math.Abs(price - _mid) : 0;
            if (volume > BestVolume
                || (volume == BestVolume && volume > 0
                    && (imbalance < _bestImbalance || (imbalance == _bestImbalance && distance < _bestDistance))))
            {
                BestVolume = volume;
                BestPrice = price;
                _bestImbalance = imbalance;
                _bestDistance = distance;
            }
        }
    }
}
