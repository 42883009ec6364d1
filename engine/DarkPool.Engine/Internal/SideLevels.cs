using System.Numerics;
using System.Runtime.CompilerServices;

namespace DarkPool.Engine.Internal;

/// <summary>
/// One side's price levels: a dense window indexed by tick (the QuantCup design) for prices near the
/// book, with a two-level bitmap to find the next occupied tick, and a sorted <see cref="PriceLadder"/>
/// for the rare prices too far away for the window. Find, insert and remove in the window are O(1);
/// finding the next best level after the best empties is a couple of bit scans.
/// </summary>
/// <remarks>
/// Invariant: every price whose tick falls inside the window lives in the window, never in the far
/// ladder. The window starts as <see cref="InitialSpan"/> ticks from tick 0, re-centres on a price outside it when
/// it is empty, and grows by doubling (migrating far prices it now covers) up to <see cref="MaxSpan"/>
/// ticks; beyond that, prices go to the far ladder. Growth allocates; steady state does not.
/// </remarks>
internal sealed partial class SideLevels
{
    public const int InitialSpan = 4096;
    public const int MaxSpan = 1 << 20;

    /// <summary>Ticks above this always live in the far ladder: window bounds then stay far from overflow.</summary>
    public const long WindowTickLimit = long.MaxValue / 4;

    private readonly bool _isBid;
    private readonly long _tick;
    private readonly PriceLadder _far;
    private int[] _levels = new int[InitialSpan];
    private ulong[] _bits = new ulong[InitialSpan / 64];
    private ulong[] _summary = new ulong[1];
    private long _base;
    private int _windowCount;
    private int _best = -1;

    public SideLevels(bool isBid, long tickSize)
    {
        _isBid = isBid;
        _tick = tickSize;
        _far = new PriceLadder(negate: !isBid, 16);
    }

    public int Count => _windowCount + _far.Count;

    /// <summary>Gives <paramref name="target"/>'s arrays this one's lengths (<see cref="ArrayCopy.Shape"/>), or checks them; whether they had them.</summary>
    public bool ShapeTo(SideLevels target, bool checkOnly) =>
        ArrayCopy.Shape(_levels, ref target._levels, checkOnly)
        & ArrayCopy.Shape(_bits, ref target._bits, checkOnly)
        & ArrayCopy.Shape(_summary, ref target._summary, checkOnly)
        & _far.ShapeTo(target._far, checkOnly);

    /// <summary>Makes <paramref name="target"/> (the same side, the same tick) hold what this holds.</summary>
    public void CopyTo(SideLevels target)
    {
        ArrayCopy.Into(_levels, ref target._levels, _levels.Length);
        ArrayCopy.Into(_bits, ref target._bits, _bits.Length);
        ArrayCopy.Into(_summary, ref target._summary, _summary.Length);
        target._base = _base;
        target._windowCount = _windowCount;
        target._best = _best;
        _far.CopyTo(target._far);
    }

    /// <summary>The level at a price, or 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(long price) => FindAt(IndexOf(price), price);

    /// <summary>The level at a price whose window index (<see cref="IndexOf"/>) is <paramref name="i"/>, or 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int FindAt(long i, long price)
    {
        int[] levels = _levels;
        if ((ulong)i < (ulong)levels.Length)
        {
            return levels[i];
        }

        return _far.Count == 0 ? 0 : _far.Find(price);
    }

    /// <summary>The best level, or 0 when the side is empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int BestLevel(PriceLevel[] levels)
    {
        int windowBest = _best < 0 ? 0 : _levels[_best];
        if (_far.Count == 0)
        {
            return windowBest;
        }

        return Better(windowBest, _far.LevelAt(_far.Count - 1), levels);
    }

    /// <summary>The next worse level after the level at <paramref name="price"/>, or 0.</summary>
    public int NextWorse(long price, PriceLevel[] levels)
    {
        int window = 0;
        long i = IndexOf(price);
        int next;
        if ((ulong)i < (ulong)_levels.Length)
        {
            next = _isBid ? PrevSet((int)i) : NextSet((int)i);
        }
        else
        {
            bool beyondBetterEnd = _isBid ? i >= _levels.Length : i < 0;
            next = beyondBetterEnd ? _best : -1;
        }

        if (next >= 0)
        {
            window = _levels[next];
        }

        return _far.Count == 0 ? window : Better(window, _far.NextWorse(price), levels);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Insert(long price, int level) => InsertAt(IndexOf(price), price, level);

    /// <summary>
    /// Insert, given the window index of the price (<see cref="IndexOf"/>), computed at any time since the window
    /// last moved or grew: only an insert does either.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void InsertAt(long i, long price, int level)
    {
        if ((ulong)i >= (ulong)_levels.Length)
        {
            if (!TryCover(TickOf(price)))
            {
                _far.Insert(price, level);
                return;
            }

            i = IndexOf(price);
        }

        PlaceInWindow((int)i, level);
    }

    /// <summary>True when both window indices (<see cref="IndexOf"/>) fall inside the window.</summary>
    /// <remarks>The window's length is a power of two, so one unsigned comparison of the two ORed covers both.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool BothInWindow(long a, long b) => ((ulong)a | (ulong)b) < (ulong)_levels.Length;

    /// <summary>
    /// A move's window update without a branch on its two coin tosses: the slot at window index
    /// <paramref name="from"/> is emptied when <paramref name="emptied"/> is 1 (its level emptied), and
    /// <paramref name="level"/> enters the empty slot at <paramref name="to"/> when <paramref name="created"/> is 1;
    /// with 0 the slot is left as it is. The same as <see cref="Remove"/> then <see cref="InsertAt"/>, in that
    /// order. Both indices are inside the window (<see cref="BothInWindow"/>) and differ.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Shift(int from, int emptied, int to, int created, int level)
    {
        int[] levels = _levels;
        ulong[] bits = _bits;
        levels[from] &= emptied - 1;
        int fromWord = from >> 6;
        ref ulong fromBits = ref bits[fromWord];
        fromBits &= ~((ulong)(uint)emptied << from);
        if (fromBits == 0)
        {
            // Only when the level emptied: otherwise its own bit is still set.
            _summary[fromWord >> 6] &= ~(1UL << fromWord);
        }

        _windowCount -= emptied;
        if ((emptied != 0) & (from == _best))
        {
            _best = NextBest(from);
        }

        levels[to] |= level & -created;
        int toWord = to >> 6;
        bits[toWord] |= (ulong)(uint)created << to;
        _summary[toWord >> 6] |= (ulong)(uint)created << toWord;
        _windowCount += created;
        int best = _best;
        if ((created != 0) & ((best < 0) | ((to > best) == _isBid)))
        {
            _best = to;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Remove(long price)
    {
        int[] levels = _levels;
        long i = IndexOf(price);
        if ((ulong)i >= (ulong)levels.Length)
        {
            _far.Remove(price);
            return;
        }

        int index = (int)i;
        levels[index] = 0;
        int word = index >> 6;
        ref ulong bits = ref _bits[word];
        bits &= ~(1UL << index);
        if (bits == 0)
        {
            _summary[word >> 6] &= ~(1UL << word);
        }

        _windowCount--;
        if (index == _best)
        {
            _best = NextBest(index);
        }
    }

    /// <summary>The best occupied index once the best, at <paramref name="index"/>, has gone; -1 when none is left.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int NextBest(int index) => _isBid ? PrevSet(index) : NextSet(index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long TickOf(long price) => _tick == 1 ? price : price / _tick;

    /// <summary>
    /// The window index of a price. Ticks above <see cref="WindowTickLimit"/> never enter the window and
    /// map to <see cref="long.MaxValue"/> (above every window position), so no index arithmetic can overflow.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long IndexOf(long price)
    {
        long tick = TickOf(price);
        return tick > WindowTickLimit ? long.MaxValue : tick - _base;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PlaceInWindow(int index, int level)
    {
        _levels[index] = level;
        int word = index >> 6;
        _bits[word] |= 1UL << index;
        _summary[word >> 6] |= 1UL << word;
        _windowCount++;
        // The index is free, so it is not the best: it is better when it lies on the better side of it, which is
        // one comparison against the side's flag instead of a branch on the side (a coin toss on a move).
        int best = _best;
        if (best < 0 || (index > best) == _isBid)
        {
            _best = index;
        }
    }

    private int Better(int a, int b, PriceLevel[] levels)
    {
        if (a == 0 || b == 0)
        {
            return a | b;
        }

        long pa = levels[a].Price;
        long pb = levels[b].Price;
        return (_isBid ? pa >= pb : pa <= pb) ? a : b;
    }

    /// <summary>Lowest occupied index above <paramref name="from"/>, or -1.</summary>
    private int NextSet(int from)
    {
        int i = from + 1;
        if (i >= _levels.Length)
        {
            return -1;
        }

        int w = i >> 6;
        ulong word = _bits[w] & (ulong.MaxValue << (i & 63));
        if (word != 0)
        {
            return (w << 6) + BitOperations.TrailingZeroCount(word);
        }

        int sw = w + 1;
        if (sw >= _bits.Length)
        {
            return -1;
        }

        int s = sw >> 6;
        ulong summary = _summary[s] & (ulong.MaxValue << (sw & 63));
        while (summary == 0)
        {
            if (++s >= _summary.Length)
            {
                return -1;
            }

            summary = _summary[s];
        }

        int found = (s << 6) + BitOperations.TrailingZeroCount(summary);
        return (found << 6) + BitOperations.TrailingZeroCount(_bits[found]);
    }

    /// <summary>Highest occupied index below <paramref name="from"/>, or -1.</summary>
    private int PrevSet(int from)
    {
        int i = from - 1;
        if (i < 0)
        {
            return -1;
        }

        int w = i >> 6;
        ulong word = _bits[w] & (ulong.MaxValue >> (63 - (i & 63)));
        if (word != 0)
        {
            return (w << 6) + 63 - BitOperations.LeadingZeroCount(word);
        }

        int sw = w - 1;
        if (sw < 0)
        {
            return -1;
        }

        int s = sw >> 6;
        ulong summary = _summary[s] & (ulong.MaxValue >> (63 - (sw & 63)));
        while (summary == 0)
        {
            if (--s < 0)
            {
                return -1;
            }

            summary = _summary[s];
        }

        int found = (s << 6) + 63 - BitOperations.LeadingZeroCount(summary);
        return (found << 6) + 63 - BitOperations.LeadingZeroCount(_bits[found]);
    }
}
