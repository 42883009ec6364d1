using System.Runtime.CompilerServices;
using DarkPool.Engine.Internal;

namespace DarkPool.Engine;

/// <summary>State you can check: the state hash and the internal consistency check.</summary>
public sealed partial class MatchingEngine
{
    /// <summary>
    /// A 64-bit hash over all state: markets, every live order in canonical book order (which is also the
    /// content of the id index), every non-zero balance, supplies and the priority sequence. Equal for
    /// the reference and the fast book after the same commands.
    /// </summary>
    public long ComputeStateHash() => HashWalk(eachMarket: null, eachOrder: null);

    /// <summary>
    /// <see cref="ComputeStateHash()"/>, handing each market to <paramref name="eachMarket"/> before its orders and each
    /// order to <paramref name="eachOrder"/> as it is hashed: the snapshot writer records this hash from the same walk of
    /// the books that writes them (one walk instead of two, each order a cache miss or two in a book that has lived).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // also inside every snapshot's pause: no tier-0 code there
    private long HashWalk(Action<Market>? eachMarket, IContraVisitor? eachOrder)
    {
        var hasher = new StateHasher(0x4461726B506F6F6CUL);
        hasher.Add(_sequence);
        var visitor = new HashVisitor(eachOrder);
        foreach (Market market in _marketsById)
        {
            eachMarket?.Invoke(market);
            market.AddToHash(ref hasher);
            market.Book.VisitAll(visitor);
            hasher.Add(visitor.Finish());
        }

        _ledger.AddToHash(ref hasher);
        return hasher.Finish();
    }

    /// <summary>
    /// Checks every internal invariant: each book's structure, that every hold is what the ledger holds,
    /// that each order holds enough for its remainder, that no book is crossed, and that balances add up
    /// to supply. Throws <see cref="EngineConsistencyException"/> on the first breach.
    /// </summary>
    public void CheckConsistency()
    {
        _ledger.CheckConsistency();
        var holds = new Dictionary<(int Account, int Asset), long>();
        foreach (Market market in _marketsById)
        {
            market.Book.CheckConsistency();
            var visitor = new CheckVisitor(market, holds);
            market.Book.VisitAll(visitor);
            if (visitor.Count != market.Book.OrderCount)
            {
                throw new EngineConsistencyException($"Market {market.Id}: order count does not match the levels.");
            }

            if (market.Mode == MarketMode.Continuous)
            {
                CheckNoTradeableCrossing(market, visitor);
            }
        }

        for (int account = 0; account < _ledger.AccountCapacity; account++)
        {
            for (int asset = 0; asset < _options.MaxAssets; asset++)
            {
                long held = _ledger.Held(account, asset);
                holds.TryGetValue((account, asset), out long expected);
                if (held != expected)
                {
                    throw new EngineConsistencyException(
                        $"Account {account}, asset {asset}: held balance differs from its orders' holds.");
                }
            }
        }
    }

    /// <summary>Hashes a market's orders in visiting order, passing each on to <paramref name="next"/> when there is one.</summary>
    private sealed class HashVisitor(IContraVisitor? next) : IContraVisitor
    {
        private StateHasher _hasher = new(17);

        public long Finish()
        {
            long h = _hasher.Finish();
            _hasher = new StateHasher(17);
            return h;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public bool Visit(in OrderData o)
        {
            _hasher.Add(o.Account);
            _hasher.Add(o.OrderId);
            _hasher.Add((long)o.Side);
            _hasher.Add(o.Price);
            _hasher.Add(o.Remaining);
            _hasher.Add(o.Hold);
            _hasher.Add(o.Sequence);
            _hasher.Add(o.MinQuantity);
            _hasher.Add(((long)o.Stp << 8) | (long)o.Flags);
            return next?.Visit(o) ?? true;
        }
    }

    /// <summary>
    /// A continuous book may cross only where minimum quantities block every crossing pair: two limit
    /// orders that cross, or, while the reference is usable, a pegged order and a contra order at or
    /// through the mid that it may trade with. Anything else should have traded.
    /// </summary>
    private void CheckNoTradeableCrossing(Market market, CheckVisitor book)
    {
        // Staleness only grows with time, so a reference usable at the latest time seen was usable all along
        // since it was set, and every crossing with pegs was resolved then or on arrival.
        long mid = market.UsableMid(_latest);
        foreach (OrderData bid in book.Bids)
        {
            foreach (OrderData ask in book.Asks)
            {
                bool limits = !bid.IsPegged && !ask.IsPegged && bid.Price >= ask.Price;
                bool atMid = mid != 0 && (bid.IsPegged || ask.IsPegged)
                    && (bid.IsPegged ? PegRules.Eligible(bid, mid) : bid.Price >= mid)
                    && (ask.IsPegged ? PegRules.Eligible(ask, mid) : ask.Price <= mid);
                if ((limits || atMid) && MeetsMinimums(bid, ask, Math.Min(bid.Remaining, ask.Remaining)))
                {
                    throw new EngineConsistencyException($"Market {market.Id}: the book is crossed by orders that can trade.");
                }
            }
        }
    }

    private sealed class CheckVisitor(Market market, Dictionary<(int Account, int Asset), long> holds) : IContraVisitor
    {
        public int Count { get; private set; }

        public List<OrderData> Bids { get; } = [];

        public List<OrderData> Asks { get; } = [];

        public bool Visit(in OrderData o)
        {
            Count++;
            (o.Side == Side.Buy ? Bids : Asks).Add(o);
            bool capped = (o.Flags & OrderFlags.Capped) != 0;
            bool validPrice = o.Price > 0 && o.Price % market.TickSize == 0;
            if (o.IsPegged)
            {
                // A pegged buy's price is its cap or the (possibly off-tick) mid it is held for; a sell's is its floor or none.
                validPrice = capped ? validPrice : (o.Side == Side.Buy ? o.Price > 0 : o.Price == 0);
            }
            else if (capped)
            {
                validPrice = false;
            }

            if (o.Remaining <= 0 || !validPrice || o.MinQuantity < 0)
            {
                throw new EngineConsistencyException($"Market {market.Id}: a resting order has no quantity or a bad price.");
            }

            if ((o.Flags & OrderFlags.Ioc) != 0 && market.Mode != MarketMode.Auction)
            {
                throw new EngineConsistencyException($"Market {market.Id}: an IOC order rests in a continuous market.");
            }

            TryRestingHold(market, o.Side, o.Price, o.Remaining, out long needed);
            if (o.Hold != needed)
            {
                throw new EngineConsistencyException($"Market {market.Id}: a resting order's hold is not exactly what its remainder can cost.");
            }

            var key = (o.Account, market.HeldAsset(o.Side));
            holds[key] = holds.GetValueOrDefault(key) + o.Hold;
            return true;
        }
    }
}
