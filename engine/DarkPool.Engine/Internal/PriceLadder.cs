using System.Runtime.CompilerServices;

namespace DarkPool.Engine.Internal;

/// <summary>
/// Price levels as a sorted array of keys with the best level at the end: the best level is one load
/// and lookups are a binary search over one contiguous array. Bids use the price as key, asks its
/// negation, so both sides sort ascending with the best last. It holds the levels whose prices are too
/// far from the book for the dense window of <see cref="SideLevels"/>, which are rare.
/// </summary>
internal sealed class PriceLadder
{
    private readonly bool _negate;
    private long[] _keys;
    private int[] _levels;
    private int _count;

    public PriceLadder(bool negate, int capacity)
    {
        _negate = negate;
        _keys = new long[capacity];
        _levels = new int[capacity];
    }

    public int Count => _count;

    /// <summary>Gives <paramref name="target"/>'s arrays this one's lengths (<see cref="ArrayCopy.Shape"/>), or checks them; whether they had them.</summary>
    public bool ShapeTo(PriceLadder target, bool checkOnly) =>
        ArrayCopy.Shape(_keys, ref target._keys, checkOnly) & ArrayCopy.Shape(_levels, ref target._levels, checkOnly);

    /// <summary>Makes <paramref name="target"/> (same side) hold what this holds.</summary>
    public void CopyTo(PriceLadder target)
    {
        ArrayCopy.Into(_keys, ref target._keys, _count);
        ArrayCopy.Into(_levels, ref target._levels, _count);
        target._count = _count;
    }

    /// <summary>Level index at position <paramref name="position"/> (0 = worst, Count - 1 = best).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int LevelAt(int position) => _levels[position];

    public long PriceAt(int position) => _negate ? -_keys[position] : _keys[position];

    /// <summary>The level at a price, or 0.</summary>
    public int Find(long price)
    {
        int position = Search(Key(price));
        return position >= 0 ? _levels[position] : 0;
    }

    /// <summary>The level just worse than <paramref name="price"/> (which need not be present), or 0.</summary>
    public int NextWorse(long price)
    {
        int position = Array.BinarySearch(_keys, 0, _count, Key(price));
        position = (position >= 0 ? position : ~position) - 1;
        return position >= 0 ? _levels[position] : 0;
    }

    /// <summary>Adds a level at a price that has none.</summary>
    public void Insert(long price, int level)
    {
        long key = Key(price);
        int position = ~Search(key);
        if (_count == _keys.Length)
        {
            Array.Resize(ref _keys, _keys.Length * 2);
            Array.Resize(ref _levels, _levels.Length * 2);
        }

        int tail = _count - position;
        if (tail > 0)
        {
            Array.Copy(_keys, position, _keys, position + 1, tail);
            Array.Copy(_levels, position, _levels, position + 1, tail);
        }

        _keys[position] = key;
        _levels[position] = level;
        _count++;
    }

    /// <summary>Removes the level at a price; it must exist.</summary>
    public void Remove(long price)
    {
        int position = _count - 1;
        long key = Key(price);
        if (_keys[position] != key)
        {
            position = Search(key);
        }

        RemoveAt(position);
    }

    /// <summary>Removes the level at a position.</summary>
    public void RemoveAt(int position)
    {
        int tail = _count - position - 1;
        if (tail > 0)
        {
            Array.Copy(_keys, position + 1, _keys, position, tail);
            Array.Copy(_levels, position + 1, _levels, position, tail);
        }

        _count--;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long Key(long price) => _negate ? -price : price;

    /// <summary>Binary search; searches from the best end first since most activity is near the touch.</summary>
    private int Search(long key)
    {
        int hi = _count - 1;
        if (hi >= 0 && _keys[hi] < key)
        {
            return ~_count;
        }

        return Array.BinarySearch(_keys, 0, _count, key);
    }

    public void CheckConsistency(PriceLevel[] levels)
    {
        for (int i = 0; i < _count; i++)
        {
            if (i > 0 && _keys[i - 1] >= _keys[i])
            {
                throw new EngineConsistencyException("Fast book: price ladder is not strictly sorted.");
            }

            if (levels[_levels[i]].Price != PriceAt(i))
            {
                throw new EngineConsistencyException("Fast book: a ladder entry points at a level of another price.");
            }
        }
    }
}
