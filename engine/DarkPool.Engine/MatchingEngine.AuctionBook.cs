using DarkPool.Engine.Internal;

namespace DarkPool.Engine;

/// <summary>The auction's working set, in one array reused from one uncross to the next.</summary>
public sealed partial class MatchingEngine
{
    /// <summary>
    /// Copies of the orders that take part in one uncross, in allocation priority: price, then limit
    /// orders before pegged orders at the same price (pegged orders stand at the mid), then time. Buyers
    /// and sellers share one array (buyers first): together they are at most the market's live orders, so
    /// an array sized for <see cref="EngineOptions.ExpectedOrdersPerMarket"/> when the first auction market
    /// is created serves every uncross of a book that size, the first one included.
    /// </summary>
    private sealed class AuctionBook : IContraVisitor
    {
        private OrderData[] _participants = [];
        private int _count;
        private int _buyerCount;
        private int _sellerCount;
        private bool _sumOnly;
        private MatchingEngine _engine = null!;

        public long PegBuy { get; private set; }

        public long PegSell { get; private set; }

        public Span<OrderData> Buyers => _participants.AsSpan(0, _buyerCount);

        public Span<OrderData> Sellers => _participants.AsSpan(_buyerCount, _sellerCount);

        /// <summary>Sizes the working set for a book of <paramref name="orders"/> live orders (it never shrinks).</summary>
        public void EnsureCapacity(int orders)
        {
            if (_participants.Length < orders)
            {
                _participants = new OrderData[Math.Max(orders, _participants.Length * 2)];

                // Written once now so that its memory is mapped now: otherwise the first uncross takes a page
                // fault for every 4 KB of participants it copies (about 1,000 for 75,000 participants, 3-4 ms).
                _participants.AsSpan().Clear();
            }
        }

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
            EnsureCapacity(book.OrderCount);
            long mid = engine._mid;
            _count = 0;
            _buyerCount = Collect(book, Side.Buy, price, mid != 0 && mid >= price);
            _sellerCount = Collect(book, Side.Sell, price, mid != 0 && mid <= price);
        }

        /// <summary>Appends one side's participants at the end of the array; returns how many.</summary>
        private int Collect(IOrderBook book, Side side, long price, bool withPegs)
        {
            int start = _count;

            // A taker of the other side with the clearing price as its limit reaches exactly this side's limit orders.
            var probe = new Taker { Order = new OrderData { Side = side == Side.Buy ? Side.Sell : Side.Buy }, Limit = price };
            book.Scan(probe, this);
            if (!withPegs)
            {
                return _count - start;
            }

            // Limit orders priced at or through the mid come before the pegged orders standing at it: the pegs,
            // appended after all the limit orders, rotate in front of the limit orders worse than the mid.
            long mid = _engine._mid;
            int limitsEnd = _count;
            int split = start;
            while (split < limitsEnd && (side == Side.Buy ? _participants[split].Price >= mid : _participants[split].Price <= mid))
            {
                split++;
            }

            book.ScanPegs(side, this);
            int worseLimits = limitsEnd - split;
            if (worseLimits != 0 && _count != limitsEnd)
            {
                Span<OrderData> tail = _participants.AsSpan(split, _count - split);
                tail[..worseLimits].Reverse();
                tail[worseLimits..].Reverse();
                tail.Reverse();
            }

            return _count - start;
        }

        public bool Visit(in OrderData resting)
        {
            if (!_sumOnly && !resting.IsPegged)
            {
                Append(resting);
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

            Append(resting);
            return true;
        }

        private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

        private void Append(in OrderData order)
        {
            // Cannot overflow: CollectParticipants sized the array for every live order of the book.
            _participants[_count++] = order;
        }
    }
}
