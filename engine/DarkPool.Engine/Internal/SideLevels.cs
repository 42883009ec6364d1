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
/// A window level that empties stays in its tick's slot, its bit cleared, and is used again by the next order at that
/// price: in the exchange-core workload most moves leave a level empty and need one at a new price, and keeping
/// them spares the move a free, an allocation and a slot write (the branches on "did it empty", "is there a level"
/// are no longer taken one way or the other at random). At most <see cref="KeptEmptyLimit"/> are kept per side;
/// past that, or when the window moves, empty levels go back to the book's pool (<c>release</c>).
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

    /// <summary>Empty levels kept in the window's slots, per side, at most (32 bytes each in the book's pool).</summary>
    public const int KeptEmptyLimit = 4096;

    private readonly bool _isBid;
    private readonly long _tick;
    private readonly PriceLadder _far;
    private readonly Action<int> _release;
    private int[] _levels = new int[InitialSpan];
    private ulong[] _bits = new ulong[InitialSpan / 64];
    private ulong[] _summary = new ulong[1];
    private long _base;
    private int _windowCount;
    private int _best = -1;
    private int _keptEmpty;

    /// <param name="isBid">Which side.</param>
    /// <param name="tickSize">The market's tick.</param>
    /// <param name="release">Returns a level this side no longer holds (an empty one it had kept) to the book's pool.</param>
    public SideLevels(bool isBid, long tickSize, Action<int> release)
    {
        _isBid = isBid;
        _tick = tickSize;
        _release = release;
        _far = new PriceLadder(negate: !isBid, 16);
    }

    /// <summary>Levels with orders.</summary>
    public int Count => _windowCount + _far.Count;

    /// <summary>Empty levels kept in window slots.</summary>
    public int KeptEmpty => _keptEmpty;

    /// <summary>The level at a price (in the window, possibly an empty kept one: see <see cref="Occupy"/>), or 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(long price)
    {
        long i = IndexOf(price);
        if ((ulong)i < (ulong)_levels.Length)
        {
            return _levels[i];
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
    public void Insert(long price, int level)
    {
        long i = IndexOf(price);
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

    /// <summary>
    /// After an order joined the level at <paramref name="price"/> that <see cref="Find"/> returned: a kept empty level
    /// (<paramref name="wasEmpty"/>) is occupied again. The bit and the best are written either way, without a branch on
    /// <paramref name="wasEmpty"/>. Far levels are never empty, so there is nothing to do for them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Occupy(long price, bool wasEmpty)
    {
        long i = IndexOf(price);
        if ((ulong)i >= (ulong)_levels.Length)
        {
            return;
        }

        int index = (int)i;
        int word = index >> 6;
        _bits[word] |= 1UL << index;
        _summary[word >> 6] |= 1UL << word;
        int became = wasEmpty ? 1 : 0;
        _windowCount += became;
        _keptEmpty -= became;
        int best = _best;
        bool better = best < 0 || (_isBid ? index > best : index < best);
        _best = better ? index : best;
    }

    /// <summary>
    /// After an order left the level at <paramref name="price"/>: when that <paramref name="emptied"/> it, a window level
    /// is kept empty in its slot (bit cleared), unless <see cref="KeptEmptyLimit"/> are kept already; a far level leaves
    /// the ladder. True when the caller must return the level to its pool.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Vacate(long price, bool emptied)
    {
        long i = IndexOf(price);
        if ((ulong)i >= (ulong)_levels.Length)
        {
            if (emptied)
            {
                _far.Remove(price);
            }

            return emptied;
        }

        int index = (int)i;
        int word = index >> 6;
        ulong bits = _bits[word] & ~(emptied ? 1UL << index : 0);
        _bits[word] = bits;
        int became = emptied ? 1 : 0;
        _windowCount -= became;
        _keptEmpty += became;
        if (bits == 0)
        {
            _summary[word >> 6] &= ~(1UL << word);
        }

        if (emptied && index == _best)
        {
            _best = NextBest(index);
        }

        if (_keptEmpty > KeptEmptyLimit)
        {
            // Only just past the limit, by this level: it goes back to the pool instead.
            _keptEmpty--;
            _levels[index] = 0;
            return true;
        }

        return false;
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
    private long IndexOf(long price)
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
        if (_best < 0 || (_isBid ? index > _best : index < _best))
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
