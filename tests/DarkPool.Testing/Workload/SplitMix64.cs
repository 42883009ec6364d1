namespace DarkPool.Testing.Workload;

/// <summary>
/// A small seeded generator (SplitMix64). Written out here rather than taken from <see cref="Random"/> so
/// that a seed names the same workload on every runtime version, for ever.
/// </summary>
internal struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, <paramref name="bound"/>); the tiny modulo bias does not matter for a workload.</summary>
    public int NextInt(int bound) => (int)(NextUInt64() % (ulong)bound);

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => NextDouble() < p;

    /// <summary>
    /// A uniform draw below a uniform draw below <paramref name="width"/>: dense near zero, thinning out
    /// like ln(width / d), mean width / 4. Integers only, so no floating-point library can change it.
    /// </summary>
    public int NextNested(int width) => NextInt(1 + NextInt(width));
}
