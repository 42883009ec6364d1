namespace DarkPool.Engine.Internal;

/// <summary>The fast book's walks: matching, scans, bulk removal and level snapshots.</summary>
internal sealed partial class FastOrderBook
{
    public void Match(ref Taker taker, IMatchHandler handler)
    {
        SideLevels contra = taker.Order.Side == Side.Buy ? _asks : _bids;
        while (taker.Order.Remaining > 0)
        {
            int level = contra.BestLevel(_levels);
            if (level == 0 || !taker.Crosses(_levels[level].Price))
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
        SideLevels contra = taker.Order.Side == Side.Buy ? _asks : _bids;
        for (int level = contra.BestLevel(_levels); level != 0; level = contra.NextWorse(_levels[level].Price, _levels))
        {
            if (!taker.Crosses(_levels[level].Price))
            {
                return;
            }

            for (int slot = _levels[level].Head; slot != 0; slot = _links[slot].Next)
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

        int count = 0;
        for (int slot = _accountHead[account]; slot != 0; slot = _slots[slot].AccountNext)
        {
            if (count == _massSlots.Length)
            {
                Array.Resize(ref _massSlots, count * 2);
                Array.Resize(ref _massSequences, count * 2);
            }

            _massSlots[count] = slot;
            _massSequences[count] = _slots[slot].Data.Sequence;
            count++;
        }

        // Arrival order: sort the account's slots by sequence (keys and slots together, no allocation).
        _massSequences.AsSpan(0, count).Sort(_massSlots.AsSpan(0, count));
        for (int i = 0; i < count; i++)
        {
            int slot = _massSlots[i];
            OrderData data = _slots[slot].Data;
            RemoveSlot(slot);
            sink.OnRemoved(data);
        }
    }

    public int CopyLevels(Side side, Span<BookLevel> destination)
    {
        SideLevels levels = side == Side.Buy ? _bids : _asks;
        int i = 0;
        for (int level = levels.BestLevel(_levels); level != 0; level = levels.NextWorse(_levels[level].Price, _levels))
        {
            if (i < destination.Length)
            {
                ref PriceLevel l = ref _levels[level];
                destination[i] = new BookLevel(l.Price, l.Total, l.Count);
            }

            i++;
        }

        return i;
    }

    public void VisitAll(IContraVisitor visitor)
    {
        VisitSide(_bids, visitor);
        VisitSide(_asks, visitor);
    }

    private void VisitSide(SideLevels levels, IContraVisitor visitor)
    {
        for (int level = levels.BestLevel(_levels); level != 0; level = levels.NextWorse(_levels[level].Price, _levels))
        {
            for (int slot = _levels[level].Head; slot != 0; slot = _links[slot].Next)
            {
                visitor.Visit(_slots[slot].Data);
            }
        }
    }
}
