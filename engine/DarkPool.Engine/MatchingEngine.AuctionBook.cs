using DarkPool.Engine.Internal;

namespace DarkPool.Engine;

/// <summary>The auction's working set, in arrays reused from one uncross to the next.</summary>
public sealed partial class MatchingEngine
{
    /// <summary>
    /// Copies of the orders that take part in one uncross, in allocation priority: price, then limit
    /// orders before pegged orders at the same price (pegged orders stand at the mid), then time.
    /// </summary>
    private sealed class AuctionBook : IContraVisitor
    {
        private OrderData[] _buyers = new OrderData[64];
        private OrderData[] _sellers = new OrderData[64];
        private OrderData[] _limits = new OrderData[64];
        private OrderData[] _pegged = new OrderData[64];
        private int _buyerCount;
        private int _sellerCount;
        private int _limitCount;
        private int _peggedCount;
        private bool _intoPegs;
        private bool _sumOnly;
        private MatchingEngine _engine = null!;

        public long PegBuy { get; private set; }

        public long PegSell { get; private set; }

        public Span<OrderData> Buyers => _buyers.AsSpan(0, _buyerCount);

        public Span<OrderData> Sellers => _sellers.AsSpan(0, _sellerCount);

        /// <summary>Lots of pegged orders per side that may trade at the engine's current mid (none without one).</summary>
        public void SumPegs(MatchingEngine engine, IOrderBook book)
        {
            _engine = engine;
            PegBuy = 0;
            PegSell = 0;
            if (engine._mid == 0)
            {
                return;
            }

            _sumOnly = true;
            book.ScanPegs(Side.Buy, this);
            book.ScanPegs(Side.Sell, this);
            _sumOnly = false;
        }

        public void CollectParticipants(MatchingEngine engine, IOrderBook book, long price)
        {
            _engine = engine;
            long mid = engine._mid;
            _buyerCount = Collect(book, Side.Buy, price, mid != 0 && mid >= price, ref _buyers);
            _sellerCount = Collect(book, Side.Sell, price, mid != 0 && mid <= price, ref _sellers);
        }

        private int Collect(IOrderBook book, Side side, long price, bool withPegs, ref OrderData[] into)
        {
            _limitCount = 0;
            _peggedCount = 0;

            // A taker of the other side with the clearing price as its limit reaches exactly this side's participants.
            var probe = new Taker { Order = new OrderData { Side = side == Side.Buy ? Side.Sell : Side.Buy }, Limit = price };
            _intoPegs = false;
            book.Scan(probe, this);
            if (withPegs)
            {
                _intoPegs = true;
                book.ScanPegs(side, this);
            }

            int total = _limitCount + _peggedCount;
            if (into.Length < total)
            {
                into = new OrderData[Math.Max(total, into.Length * 2)];
            }

            // Limit orders priced at or through the mid come before the pegged orders standing at it.
            long mid = _engine._mid;
            int n = 0;
            int limit = 0;
            while (limit < _limitCount && withPegs && (side == Side.Buy ? _limits[limit].Price >= mid : _limits[limit].Price <= mid))
            {
                into[n++] = _limits[limit++];
            }

            for (int p = 0; p < _peggedCount; p++)
            {
                into[n++] = _pegged[p];
            }

            while (limit < _limitCount)
            {
                into[n++] = _limits[limit++];
            }

            return n;
        }

        public bool Visit(in OrderData resting)
        {
            if (!_intoPegs && !resting.IsPegged && !_sumOnly)
            {
                Append(ref _limits, ref _limitCount, resting);
                return true;
            }

            if (!_engine.PegEligible(resting))
            {
                return true;
            }

            if (_sumOnly)
            {
                if (resting.Side == Side.Buy)
                {
                    PegBuy = SaturatingAdd(PegBuy, resting.Remaining);
                }
                else
                {
                    PegSell = SaturatingAdd(PegSell, resting.Remaining);
                }

                return true;
            }

            Append(ref _pegged, ref _peggedCount, resting);
            return true;
        }

        private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

        private static void Append(ref OrderData[] array, ref int count, in OrderData order)
        {
            if (count == array.Length)
            {
                Array.Resize(ref array, count * 2);
            }

            array[count++] = order;
        }
    }
}
