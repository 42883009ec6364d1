namespace DarkPool.Engine.Internal;

/// <summary>The fast book's walks: matching, scans, bulk removal and level snapshots.</summary>
internal sealed partial class FastOrderBook
{
    public void Match(ref Taker taker, IMatchHandler handler)
    {
        PriceLadder contra = taker.Order.Side == Side.Buy ? _asks : _bids;
        while (taker.Order.Remaining > 0 && contra.Count > 0)
        {
            int level = contra.LevelAt(contra.Count - 1);
            if (!taker.Crosses(_levels[level].Price))
            {
                return;
            }

            int slot = _levels[level].Head;
            ref OrderSlot s = ref _slots[slot];
            long before = s.Data.Remaining;
            bool goOn = handler.OnResting(ref taker, ref s.Data);
            long after = s.Data.Remaining;
            if (after == 0)
            {
                // RemoveSlot subtracts the remaining (now zero) from the level; account for what was taken here.
                _levels[level].Total -= before;
                RemoveSlot(slot);
            }
            else
            {
                _levels[level].Total -= before - after;
                if (goOn)
                {
                    throw new EngineConsistencyException("The match handler went on past an order it did not finish.");
                }
            }

            if (!goOn)
            {
                return;
            }
        }
    }

    public void Scan(in Taker taker, IContraVisitor visitor)
    {
        PriceLadder contra = taker.Order.Side == Side.Buy ? _asks : _bids;
        for (int position = contra.Count - 1; position >= 0; position--)
        {
            int level = contra.LevelAt(position);
            if (!taker.Crosses(_levels[level].Price))
            {
                return;
            }

            for (int slot = _levels[level].Head; slot != 0; slot = _slots[slot].Next)
            {
                if (!visitor.Visit(_slots[slot].Data))
                {
                    return;
                }
            }
        }
    }

    public void RemoveAll(int account, IOrderSink sink)
    {
        if (account >= _accountHead.Length)
        {
            return;
        }

        int slot = _accountHead[account];
        while (slot != 0)
        {
            int next = _slots[slot].AccountNext;
            OrderData data = _slots[slot].Data;
            RemoveSlot(slot);
            sink.OnRemoved(data);
            slot = next;
        }
    }

    public int CopyLevels(Side side, Span<BookLevel> destination)
    {
        PriceLadder ladder = side == Side.Buy ? _bids : _asks;
        int count = ladder.Count;
        for (int i = 0; i < count && i < destination.Length; i++)
        {
            ref PriceLevel level = ref _levels[ladder.LevelAt(count - 1 - i)];
            destination[i] = new BookLevel(level.Price, level.Total, level.Count);
        }

        return count;
    }

    public void VisitAll(IContraVisitor visitor)
    {
        VisitSide(_bids, visitor);
        VisitSide(_asks, visitor);
    }

    private void VisitSide(PriceLadder ladder, IContraVisitor visitor)
    {
        for (int position = ladder.Count - 1; position >= 0; position--)
        {
            for (int slot = _levels[ladder.LevelAt(position)].Head; slot != 0; slot = _slots[slot].Next)
            {
                visitor.Visit(_slots[slot].Data);
            }
        }
    }
}
