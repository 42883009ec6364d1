using System.Runtime.CompilerServices;
using DarkPool.Disruptor.Internal;

namespace DarkPool.Disruptor;

// Design:
// The ring is an array of struct slots allocated once; slots are handed out by ref, so producers and
// consumers read and write in place and nothing is allocated or copied per event. Who may touch a
// slot is decided entirely by sequences: a producer owns the slots it claimed until it publishes
// them; after that, consumers read them (and stages may write fields that later stages read, each
// field with one writer stage) until the last gating consumer passes them, when they can be claimed
// again for the next lap. The happens-before edges are the release store of publication (cursor or
// availability lap) and of each processor's sequence, paired with acquire reads on the other side.
//
// The array is padded with unused slots on both ends (at least 128 bytes) so that the first and last
// real slots do not share a cache line with whatever object the allocator put next to the array.
// The sequencer (single or multi producer, chosen by the factory) holds all the concurrency logic.

/// <summary>
/// A pre-allocated ring of struct slots through which producers pass events to chained stages of
/// consumers without locks or allocation.
/// </summary>
/// <typeparam name="T">The slot type; reused forever, so it should own its buffers instead of
/// pointing to per-event objects.</typeparam>
/// <remarks>
/// Public because it is the pipeline's backbone. Producer protocol: claim with <see cref="Next()"/>
/// or <see cref="TryNext(out long)"/>, write the slot through the indexer, then always
/// <see cref="Publish(long)"/> what was claimed, even on failure (mark the slot as a no-op instead),
/// because consumers wait for every sequence in order.
/// </remarks>
public sealed class RingBuffer<T>
    where T : struct
{
    private readonly T[] _entries;
    private readonly int _padding;
    private readonly long _mask;
    private readonly Sequencer _sequencer;

    private RingBuffer(Sequencer sequencer)
    {
        _sequencer = sequencer;
        int size = Unsafe.SizeOf<T>();
        _padding = (128 + size - 1) / size;
        _entries = new T[sequencer.BufferSize + (2 * _padding)];
        _mask = sequencer.BufferSize - 1;
    }

    /// <summary>
    /// Creates a ring for exactly one producer thread: claims are plain arithmetic, no atomic
    /// instruction per event.
    /// </summary>
    /// <param name="bufferSize">Number of slots, a power of two.</param>
    /// <param name="waitStrategy">How consumers wait; <see cref="BlockingWaitStrategy"/> when null.</param>
    /// <returns>The ring.</returns>
    public static RingBuffer<T> CreateSingleProducer(int bufferSize, IWaitStrategy? waitStrategy = null) =>
        new(new SingleProducerSequencer(bufferSize, waitStrategy ?? new BlockingWaitStrategy()));

    /// <summary>Creates a ring that any number of threads may publish to concurrently.</summary>
    /// <param name="bufferSize">Number of slots, a power of two.</param>
    /// <param name="waitStrategy">How consumers wait; <see cref="BlockingWaitStrategy"/> when null.</param>
    /// <returns>The ring.</returns>
    public static RingBuffer<T> CreateMultiProducer(int bufferSize, IWaitStrategy? waitStrategy = null) =>
        new(new MultiProducerSequencer(bufferSize, waitStrategy ?? new BlockingWaitStrategy()));

    /// <summary>Number of slots.</summary>
    public int BufferSize => _sequencer.BufferSize;

    /// <summary>
    /// The producers' position: the highest published sequence for a single-producer ring, the
    /// highest claimed one for a multi-producer ring.
    /// </summary>
    public long Cursor => _sequencer.Cursor.Value;

    /// <summary>The wait strategy consumers of this ring use.</summary>
    public IWaitStrategy WaitStrategy => _sequencer.WaitStrategy;

    internal Sequencer Sequencer => _sequencer;

    /// <summary>The slot for <paramref name="sequence"/>, by reference, to be written or read in place.</summary>
    /// <param name="sequence">A claimed (producer) or available (consumer) sequence.</param>
    public ref T this[long sequence] => ref _entries[(int)(sequence & _mask) + _padding];

    /// <summary>Claims the next slot, waiting (spinning, then yielding) while the ring is full.</summary>
    /// <returns>The claimed sequence.</returns>
    public long Next() => _sequencer.Next(1);

    /// <summary>Claims <paramref name="n"/> consecutive slots, waiting while the ring is full.</summary>
    /// <param name="n">How many, from 1 to <see cref="BufferSize"/>.</param>
    /// <returns>The highest claimed sequence; the batch is [result - n + 1, result].</returns>
    public long Next(int n) => _sequencer.Next(n);

    /// <summary>
    /// Claims <paramref name="n"/> consecutive slots, waiting while the ring is full until
    /// <paramref name="cancellationToken"/> fires; nothing is claimed when it throws.
    /// </summary>
    /// <param name="n">How many, from 1 to <see cref="BufferSize"/>.</param>
    /// <param name="cancellationToken">Ends the wait, for a producer that must not hang when consumers stop.</param>
    /// <returns>The highest claimed sequence.</returns>
    /// <exception cref="OperationCanceledException">The token fired while the ring was full.</exception>
    public long Next(int n, CancellationToken cancellationToken) => _sequencer.Next(n, cancellationToken);

    /// <summary>Claims the next slot if the ring has room now; never waits.</summary>
    /// <param name="sequence">The claimed sequence.</param>
    /// <returns><see langword="false"/> when the ring is full, which the caller turns into back-pressure.</returns>
    public bool TryNext(out long sequence) => _sequencer.TryNext(1, out sequence);

    /// <summary>Claims <paramref name="n"/> slots if the ring has room for all of them now; never waits.</summary>
    /// <param name="n">How many, from 1 to <see cref="BufferSize"/>.</param>
    /// <param name="sequence">The highest claimed sequence.</param>
    /// <returns><see langword="false"/> when fewer than <paramref name="n"/> slots are free.</returns>
    public bool TryNext(int n, out long sequence) => _sequencer.TryNext(n, out sequence);

    /// <summary>Hands a written slot to the consumers.</summary>
    /// <param name="sequence">A sequence this producer claimed.</param>
    public void Publish(long sequence) => _sequencer.Publish(sequence);

    /// <summary>Hands a written batch to the consumers with one signal.</summary>
    /// <param name="lo">The lowest sequence of the batch.</param>
    /// <param name="hi">The highest sequence of the batch, as returned by <see cref="Next(int)"/>.</param>
    public void Publish(long lo, long hi) => _sequencer.Publish(lo, hi);

    /// <summary>Whether <paramref name="n"/> slots could be claimed now without waiting.</summary>
    /// <param name="n">The number of slots.</param>
    /// <returns><see langword="true"/> when there is room.</returns>
    public bool HasAvailableCapacity(int n) => _sequencer.HasAvailableCapacity(n);

    /// <summary>How many slots are free now; a snapshot for monitoring.</summary>
    /// <returns>The free slot count.</returns>
    public long RemainingCapacity() => _sequencer.RemainingCapacity();

    /// <summary>
    /// Creates a barrier for a consumer that reads after the given stages, or straight after the
    /// producers when none is given. Give each processor its own barrier unless the processors are
    /// meant to be halted together.
    /// </summary>
    /// <param name="dependents">Sequences of the upstream stages.</param>
    /// <returns>The barrier.</returns>
    public SequenceBarrier NewBarrier(params Sequence[] dependents)
    {
        ArgumentNullException.ThrowIfNull(dependents);
        return new SequenceBarrier(_sequencer, _sequencer.WaitStrategy, dependents);
    }

    /// <summary>
    /// Creates a barrier for a consumer behind the given stages that waits with its own strategy instead of the ring's,
    /// for example <see cref="BlockingWaitStrategy.OnUpstreamStages"/>, which those stages' processors wake
    /// (<see cref="BatchEventProcessor{T, THandler}.WakeAfterEachBatch"/>).
    /// </summary>
    /// <param name="waitStrategy">How the consumer waits for the stages.</param>
    /// <param name="dependents">Sequences of the upstream stages (at least one).</param>
    /// <returns>The barrier.</returns>
    public SequenceBarrier NewBarrier(IWaitStrategy waitStrategy, params Sequence[] dependents)
    {
        ArgumentNullException.ThrowIfNull(waitStrategy);
        ArgumentNullException.ThrowIfNull(dependents);
        if (dependents.Length == 0)
        {
            throw new ArgumentException("A barrier with its own wait strategy follows at least one upstream stage; the first stage waits with the ring's.", nameof(dependents));
        }

        return new SequenceBarrier(_sequencer, waitStrategy, dependents);
    }

    /// <summary>
    /// Makes producers wait for these sequences (normally the last stage's) before reusing a slot.
    /// Add them before the first claim: a sequence added later is trusted as it is.
    /// </summary>
    /// <param name="sequences">The consumer sequences to gate on.</param>
    public void AddGatingSequences(params Sequence[] sequences) => _sequencer.AddGatingSequences(sequences);

    /// <summary>Stops gating on <paramref name="sequence"/>, e.g. when a consumer is removed for good.</summary>
    /// <param name="sequence">The sequence to remove.</param>
    /// <returns><see langword="true"/> when it was gating.</returns>
    public bool RemoveGatingSequence(Sequence sequence) => _sequencer.RemoveGatingSequence(sequence);

    /// <summary>The slowest gating sequence (the cursor when there is none): what has been fully consumed.</summary>
    /// <returns>The minimum.</returns>
    public long GetMinimumGatingSequence() => _sequencer.GetMinimumSequence();
}
