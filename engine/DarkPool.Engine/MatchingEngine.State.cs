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
    public long ComputeStateHash()
    {
        var hasher = new StateHasher(0x4461726B506F6F6CUL);
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

            if (visitor.BestBid != 0 && visitor.BestAsk != 0 && visitor.BestBid >= visitor.BestAsk)
            {
                throw new EngineConsistencyException($"Market {market.Id}: the book is crossed.");
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
        private StateHasher _hasher = new(17);

        public long Finish()
        {
            long h = _hasher.Finish();
            _hasher = new StateHasher(17);
            return h;
        }

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
            _hasher.Add(((long)o.Stp << 8) | (o.PostOnly ? 1L : 0L));
            return true;
        }
    }

    private sealed class CheckVisitor(Market market, Dictionary<(int Account, int Asset), long> holds) : IContraVisitor
    {
        public int Count { get; private set; }

        public long BestBid { get; private set; }

        public long BestAsk { get; private set; }

        public bool Visit(in OrderData o)
        {
            Count++;
            if (o.Side == Side.Buy && BestBid == 0)
            {
                BestBid = o.Price;
            }

            if (o.Side == Side.Sell && BestAsk == 0)
            {
                BestAsk = o.Price;
            }

            if (o.Remaining <= 0 || o.Price <= 0 || o.Price % market.TickSize != 0)
            {
                throw new EngineConsistencyException($"Market {market.Id}: a resting order has no quantity or a bad price.");
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
