namespace DarkPool.Disruptor;

/// <summary>
/// What a consumer waits for: the minimum of its upstream stages' sequences, or the ring's cursor
/// when it is a first stage.
/// </summary>
/// <remarks>
/// Public because it is a parameter of <see cref="IWaitStrategy.WaitFor"/>; only the library creates
/// instances, through <see cref="RingBuffer{T}.NewBarrier(Sequence[])"/>.
/// </remarks>
public sealed class DependentSequences
{
    private readonly Sequence _single;
    private readonly Sequence[] _sequences;

    internal DependentSequences(Sequence cursor, Sequence[] dependents)
    {
        _sequences = [.. dependents];
        _single = _sequences.Length == 1 ? _sequences[0] : cursor;
    }

    /// <summary>The number of upstream sequences; zero means the consumer follows the cursor.</summary>
    public int Count => _sequences.Length;

    /// <summary>The smallest upstream sequence, each read with acquire semantics.</summary>
    public long Value
    {
        get
        {
            Sequence[] sequences = _sequences;
            if (sequences.Length <= 1)
            {
                return _single.Value;
            }

            long minimum = long.MaxValue;
            foreach (Sequence sequence in sequences)
            {
                long value = sequence.Value;
                if (value < minimum)
                {
                    minimum = value;
                }
            }

            return minimum;
        }
    }
}
