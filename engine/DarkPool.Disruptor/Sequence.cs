using System.Runtime.InteropServices;

namespace DarkPool.Disruptor;

// Design:
// A Sequence is one 64-bit counter with exactly one writer: a producer's cursor is written by the
// sequencer, a processor's sequence by that processor's thread. Many threads read it (producers read
// the consumers' sequences to know how far they may wrap, consumers read the cursor and their
// upstream stages' sequences). Writes use Volatile.Write (release): everything the writer did to a
// ring slot before the write is visible to a reader that sees the new value through Volatile.Read
// (acquire). A writer that must then read another thread's counter without that read moving before
// its store (StoreLoad) uses SetValueVolatile, or a fence of its own as the single-producer slow path
// does. The multi-producer claim uses Interlocked.
//
// Padding: the counter sits at offset 56 of a 128-byte explicit layout, so after the 8-byte method
// table pointer it starts 64 bytes into the object and has 56 bytes of padding before it and 64
// after. No other hot field (another Sequence, a ring slot) can share its 64-byte cache line, which
// would otherwise bounce between cores on every write (false sharing). 128 rather than 64 because
// the adjacent-line prefetcher pulls cache lines in pairs.

/// <summary>
/// A padded, single-writer 64-bit counter: a producer cursor, a processor's progress or a gating
/// position.
/// </summary>
/// <remarks>
/// Public because stages are chained by handing one stage's <see cref="Sequence"/> to the next
/// stage's barrier and to the ring buffer as a gating sequence. Each instance must have one writer.
/// </remarks>
[StructLayout(LayoutKind.Explicit, Size = 128)]
public sealed class Sequence
{
    /// <summary>The value of a sequence that has seen nothing yet; the first event is sequence 0.</summary>
    public const long InitialValue = -1;

    [FieldOffset(56)]
    private long _value;

    /// <summary>Creates a sequence at <paramref name="initialValue"/>.</summary>
    /// <param name="initialValue">Starting value, <see cref="InitialValue"/> unless resuming.</param>
    public Sequence(long initialValue = InitialValue)
    {
        Volatile.Write(ref _value, initialValue);
    }

    /// <summary>The current value, read with acquire semantics so slot contents written before it are visible.</summary>
    public long Value => Volatile.Read(ref _value);

    /// <summary>Stores <paramref name="value"/> with release semantics: the cheap publish of a single writer.</summary>
    /// <param name="value">The new value.</param>
    public void SetValue(long value) => Volatile.Write(ref _value, value);

    /// <summary>
    /// Stores <paramref name="value"/> followed by a full fence, for a writer that must not have its
    /// following reads of other counters moved before this store.
    /// </summary>
    /// <param name="value">The new value.</param>
    public void SetValueVolatile(long value)
    {
        Volatile.Write(ref _value, value);
        Interlocked.MemoryBarrier();
    }

    /// <summary>Atomically replaces the value when it equals <paramref name="expected"/>.</summary>
    /// <param name="expected">The value the caller last saw.</param>
    /// <param name="newValue">The value to store.</param>
    /// <returns><see langword="true"/> when the value was replaced.</returns>
    public bool CompareAndSet(long expected, long newValue) =>
        Interlocked.CompareExchange(ref _value, newValue, expected) == expected;

    /// <summary>Atomically adds <paramref name="increment"/>; the only multi-writer operation, used by claims.</summary>
    /// <param name="increment">The amount to add.</param>
    /// <returns>The value after the addition.</returns>
    public long AddAndGet(long increment) => Interlocked.Add(ref _value, increment);

    /// <summary>Atomically adds one.</summary>
    /// <returns>The value after the increment.</returns>
    public long IncrementAndGet() => Interlocked.Increment(ref _value);

    /// <inheritdoc/>
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
