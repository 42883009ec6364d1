using System.Runtime.CompilerServices;

namespace DarkPool.Engine.Internal;

/// <summary>The fast book's walks: matching, scans, bulk removal and level snapshots.</summary>
internal sealed partial class FastOrderBook
{
    public void Match(ref Taker taker, IMatchHandler handler)
    {
        SideLevels contra = taker.Order.Side == Side.Buy ? _asks : _bids;
        int level = taker.HasFrom ? contra.NextWorse(taker.From, _levels) : contra.BestLevel(_levels);
        while (level != 0)
        {
            long price = _levels[level].Price;
            if (!taker.Crosses(price) || !WalkQueue(level, ref taker, handler))
            {
                return;
            }

            level = contra.NextWorse(price, _levels);
        }
    }

    public void MatchPegs(ref Taker taker, IMatchHandler handler) =>
        WalkQueue(taker.Order.Side == Side.Buy ? AskPegLevel : BidPegLevel, ref taker, handler);

    public void ScanPegs(Side side, IContraVisitor visitor)
    {
        for (int slot = _levels[side == Side.Buy ? BidPegLevel : AskPegLevel].Head; slot != 0; slot = _links[slot].Next)
        {
            if (!visitor.Visit(_slots[slot].Data))
            {
                return;
            }
        }
    }

    /// <summary>
    /// Offers one queue's orders in time order; the handler may fill, cancel or skip each. Returns false
    /// when matching must stop (the handler said so, or the taker is done).
    /// </summary>
    private bool WalkQueue(int level, ref Taker taker, IMatchHandler handler)
    {
        int slot = _levels[level].Head;
        while (slot != 0)
        {
            // Read before the handler runs: a filled order is removed and its slot recycled.
            int next = _links[slot].Next;
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
            }

            if (!goOn || taker.Order.Remaining == 0)
            {
                return false;
            }

            slot = next;
        }

        return true;
    }

    /// <summary>
    /// Offers the orders a taker would reach, in priority order, without matching. Compiled fully optimised
    /// at its first call, like <see cref="VisitSide"/>: an uncross walks half the book through it once per
    /// auction, and it has a different visitor at each use, so profile-guided tiering has little to add.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Scan(in Taker taker, IContraVisitor visitor)
    {
        SideLevels contra = taker.Order.Side == Side.Buy ? _asks : _bids;
        int first = taker.HasFrom ? contra.NextWorse(taker.From, _levels) : contra.BestLevel(_levels);
        for (int level = first; level != 0; level = contra.NextWorse(_levels[level].Price, _levels))
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
        ScanPegs(Side.Buy, visitor);
        VisitSide(_asks, visitor);
        ScanPegs(Side.Sell, visitor);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
