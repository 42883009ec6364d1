using System.Runtime.InteropServices;

namespace DarkPool.Disruptor.Internal;

/// <summary>
/// The single producer's private counters, padded on both sides so that its frequent writes never
/// share a cache line with a field another thread reads.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct ProducerState
{
    /// <summary>The highest sequence claimed so far.</summary>
    [FieldOffset(56)]
    public long NextValue;

    /// <summary>The smallest gating sequence when last read: a lower bound of where consumers are.</summary>
    [FieldOffset(64)]
    public long CachedGatingValue;
}
