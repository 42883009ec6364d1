namespace DarkPool.Disruptor.Internal;

/// <summary>Arithmetic shared by the sequencers and barriers.</summary>
internal static class SequenceMath
{
    /// <summary>
    /// The smallest value among <paramref name="sequences"/>, or <paramref name="minimum"/> when it is
    /// smaller or the array is empty. Each element is read with acquire semantics.
    /// </summary>
    public static long GetMinimumSequence(Sequence[] sequences, long minimum)
    {
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

    /// <summary>Checks that a buffer size is a positive power of two.</summary>
    public static void ValidateBufferSize(int bufferSize)
    {
        if (bufferSize < 1 || !int.IsPow2(bufferSize))
        {
            ThrowHelper.ThrowBufferSizeInvalid(bufferSize);
        }
    }
}
