namespace DarkPool.Engine.Internal;

/// <summary>Window management: re-centring, growth and migration of far prices. Rare, allocating, off the hot path.</summary>
internal sealed partial class SideLevels
{
    /// <summary>Makes the window cover <paramref name="tick"/> if that keeps it within <see cref="MaxSpan"/>.</summary>
    private bool TryCover(long tick)
    {
        if (tick > WindowTickLimit)
        {
            return false;
        }

        if (_windowCount == 0)
        {
            // Empty window: re-centre it on the new price, keeping its size.
            _base = tick - (_levels.Length / 2);
            MigrateFar();
            return true;
        }

        long lo = Math.Min(_base, tick);
        long hi = Math.Max(_base + _levels.Length - 1, tick);
        long span = hi - lo + 1;
        if (span > MaxSpan)
        {
            return false;
        }

        long length = _levels.Length;
        while (length < span * 2 && length < MaxSpan)
        {
            length *= 2;
        }

        long newBase = lo - ((length - span) / 2);
        int[] oldLevels = _levels;
        long oldBase = _base;
        _levels = new int[length];
        _bits = new ulong[length / 64];
        _summary = new ulong[Math.Max(1, length / 64 / 64)];
        _base = newBase;
        _windowCount = 0;
        _best = -1;
        for (int i = 0; i < oldLevels.Length; i++)
        {
            if (oldLevels[i] != 0)
            {
                PlaceInWindow((int)(oldBase + i - newBase), oldLevels[i]);
            }
        }

        MigrateFar();
        return true;
    }

    /// <summary>Moves far prices that the window now covers into the window, keeping the invariant.</summary>
    private void MigrateFar()
    {
        if (_far.Count == 0)
        {
            return;
        }

        for (int position = _far.Count - 1; position >= 0; position--)
        {
            long price = _far.PriceAt(position);
            long index = IndexOf(price);
            if ((ulong)index < (ulong)_levels.Length)
            {
                int level = _far.LevelAt(position);
                _far.RemoveAt(position);
                PlaceInWindow((int)index, level);
            }
        }
    }

    public void CheckConsistency(PriceLevel[] levels)
    {
        _far.CheckConsistency(levels);
        // Walk the set bits only; a vectorised count of empty slots proves there is no slot without a bit.
        int count = 0;
        int first = -1;
        int last = -1;
        for (int w = 0; w < _bits.Length; w++)
        {
            for (ulong word = _bits[w]; word != 0; word &= word - 1)
            {
                int i = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(word);
                if (_levels[i] == 0 || levels[_levels[i]].Price != (_base + i) * _tick)
                {
                    throw new EngineConsistencyException("Fast book: a window bit has no level, or a level of another price.");
                }

                count++;
                first = first < 0 ? i : first;
                last = i;
            }
        }

        if (_levels.Length - _levels.AsSpan().Count(0) != count)
        {
            throw new EngineConsistencyException("Fast book: a window slot holds a level without its bit.");
        }

        for (int w = 0; w < _bits.Length; w++)
        {
            if ((_bits[w] != 0) != ((_summary[w >> 6] & (1UL << w)) != 0))
            {
                throw new EngineConsistencyException("Fast book: level window summary bitmap is stale.");
            }
        }

        if (count != _windowCount || (_isBid ? last : first) != _best)
        {
            throw new EngineConsistencyException("Fast book: level window count or best is wrong.");
        }

        for (int position = 0; position < _far.Count; position++)
        {
            if ((ulong)IndexOf(_far.PriceAt(position)) < (ulong)_levels.Length)
            {
                throw new EngineConsistencyException("Fast book: a far price lies inside the window.");
            }
        }
    }
}
