namespace DarkPool.Engine.Internal;

/// <summary>The fast book's internal consistency check: links, aggregates, index and account lists agree.</summary>
internal sealed partial class FastOrderBook
{
    public void CheckConsistency()
    {
        _bids.CheckConsistency(_levels);
        _asks.CheckConsistency(_levels);
        int orders = CheckSide(_bids, Side.Buy) + CheckSide(_asks, Side.Sell)
            + CheckQueue(BidPegLevel, Side.Buy) + CheckQueue(AskPegLevel, Side.Sell);
        if (orders != _index.Count)
        {
            throw new EngineConsistencyException("Fast book: the index count differs from the orders on the levels.");
        }

        int listed = 0;
        for (int account = 0; account < _accountHead.Length; account++)
        {
            int previous = 0;
            for (int slot = _accountHead[account]; slot != 0; slot = _slots[slot].AccountNext)
            {
                ref OrderSlot s = ref _slots[slot];
                if (s.Data.Account != account || s.AccountPrev != previous)
                {
                    throw new EngineConsistencyException("Fast book: an account list is broken.");
                }

                previous = slot;
                listed++;
            }

            if (_accountTail[account] != previous)
            {
                throw new EngineConsistencyException("Fast book: an account list's tail is wrong.");
            }
        }

        if (listed != orders)
        {
            throw new EngineConsistencyException("Fast book: account lists do not hold exactly the live orders.");
        }

        int withMinimum = 0;
        for (int account = 0; account < _accountHead.Length; account++)
        {
            for (int slot = _accountHead[account]; slot != 0; slot = _slots[slot].AccountNext)
            {
                withMinimum += _slots[slot].Data.MinQuantity != 0 ? 1 : 0;
            }
        }

        if (withMinimum != _minQuantityCount)
        {
            throw new EngineConsistencyException("Fast book: the count of orders with a minimum quantity is wrong.");
        }
    }

    private int CheckSide(SideLevels levels, Side side)
    {
        int orders = 0;
        int seen = 0;
        long previousPrice = 0;
        for (int level = levels.BestLevel(_levels); level != 0; level = levels.NextWorse(_levels[level].Price, _levels))
        {
            ref PriceLevel l = ref _levels[level];
            if (seen++ > 0 && (side == Side.Buy ? l.Price >= previousPrice : l.Price <= previousPrice))
            {
                throw new EngineConsistencyException("Fast book: levels are not visited best to worst.");
            }

            previousPrice = l.Price;
            int count = CheckQueue(level, side);
            if (count == 0)
            {
                throw new EngineConsistencyException("Fast book: an empty level was left behind.");
            }

            orders += count;
        }

        if (seen != levels.Count)
        {
            throw new EngineConsistencyException("Fast book: a level cannot be reached from the best.");
        }

        return orders;
    }

    /// <summary>Checks one queue (a price level, or a peg queue): links, side, price or peg flag, index and aggregates.</summary>
    private int CheckQueue(int level, Side side)
    {
        ref PriceLevel l = ref _levels[level];
        bool pegs = level < FirstPriceLevel;
        long total = 0;
        int count = 0;
        int previous = 0;
        for (int slot = l.Head; slot != 0; slot = _links[slot].Next)
        {
            ref OrderSlot s = ref _slots[slot];
            if (_links[slot].Level != level || _links[slot].Prev != previous || s.Data.Side != side
                || s.Data.IsPegged != pegs || (!pegs && s.Data.Price != l.Price))
            {
                throw new EngineConsistencyException("Fast book: a level queue is broken.");
            }

            if (_index.Find(s.Data.Account, s.Data.OrderId) != slot)
            {
                throw new EngineConsistencyException("Fast book: the index does not point at a resting order.");
            }

            if (previous != 0 && _slots[previous].Data.Sequence >= s.Data.Sequence)
            {
                throw new EngineConsistencyException("Fast book: a queue is not in time order.");
            }

            total += s.Data.Remaining;
            count++;
            previous = slot;
        }

        if (count != l.Count || total != l.Total || l.Tail != previous)
        {
            throw new EngineConsistencyException("Fast book: a level's aggregates differ from its queue.");
        }

        return count;
    }
}
