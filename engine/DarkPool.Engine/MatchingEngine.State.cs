using System.Runtime.CompilerServices;
using DarkPool.Engine.Internal;

namespace DarkPool.Engine;

/// <summary>State you can check: the state hash and the internal consistency check.</summary>
public sealed partial class MatchingEngine
{
    private const ulong StateHashSeed = 0x4461726B506F6F6CUL;
    private const ulong OrderHashSeed = 17;

    /// <summary>
    /// One order's part of a market's order hash (<see cref="ComputeStateHash"/>); the snapshot writer feeds the same
    /// hash as it writes each order, so the state hash it records needs no second walk of the books.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void HashOrder(ref StateHasher hasher, in OrderData o)
    {
        hasher.Add(o.Account);
        hasher.Add(o.OrderId);
        hasher.Add((long)o.Side);
        hasher.Add(o.Price);
        hasher.Add(o.Remaining);
        hasher.Add(o.Hold);
        hasher.Add(o.Sequence);
        hasher.Add(o.MinQuantity);
        hasher.Add(((long)o.Stp << 8) | (long)o.Flags);
    }

    /// <summary>
    /// A 64-bit hash over all state: markets, every live order in canonical book order (which is also the
    /// content of the id index), every non-zero balance, supplies and the priority sequence. Equal for
    /// the reference and the fast book after the same commands.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // restores and checks call it; snapshots feed the same hash as they write
    public long ComputeStateHash()
    {
        var hasher = new StateHasher(StateHashSeed);
        hasher.Add(_sequence);
        var visitor = new HashVisitor();
        foreach (Market market in _marketsById)
        {
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

    private sealed class HashVisitor : IContraVisitor
    {
        private StateHasher _hasher = new(OrderHashSeed);

        public long Finish()
        {
            long h = _hasher.Finish();
            _hasher = new StateHasher(OrderHashSeed);
            return h;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public bool Visit(in OrderData o)
        {
            HashOrder(ref _hasher, o);
            return true;
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
