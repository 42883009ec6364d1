using System.Numerics;
using System.Runtime.CompilerServices;

namespace DarkPool.Engine.Internal;

/// <summary>
/// A deterministic, non-cryptographic 64-bit running hash (xxHash64-style rounds) over integers fed in
/// a canonical order. Same inputs, same order: same hash, in any process and on any machine.
/// </summary>
internal struct StateHasher
{
    private const ulong Prime1 = 11400714785074694791UL;
    private const ulong Prime2 = 14029467366897019727UL;
    private const ulong Prime3 = 1609587929392839161UL;
    private ulong _state;
    private long _count;

    public StateHasher(ulong seed) => _state = seed ^ Prime3;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(long value)
    {
        _state ^= BitOperations.RotateLeft((ulong)value * Prime2, 31) * Prime1;
        _state = (BitOperations.RotateLeft(_state, 27) * Prime1) + Prime3;
        _count++;
    }

    public readonly long Finish()
    {
        ulong h = _state ^ (ulong)_count;
        h ^= h >> 33;
        h *= Prime2;
        h ^= h >> 29;
        h *= Prime3;
        h ^= h >> 32;
        return (long)h;
    }
}
