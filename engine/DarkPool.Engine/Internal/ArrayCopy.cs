namespace DarkPool.Engine.Internal;

/// <summary>Copies for a state image (<see cref="MatchingEngine.CopyStateTo"/>): the target keeps its arrays from one copy to the next.</summary>
internal static class ArrayCopy
{
    /// <summary>
    /// Makes <paramref name="target"/> as long as <paramref name="source"/> (a new array only when the source was
    /// resized since the last copy) and copies the first <paramref name="count"/> elements.
    /// </summary>
    public static void Into<T>(T[] source, ref T[] target, int count)
    {
        if (target.Length != source.Length)
        {
            target = new T[source.Length];
        }

        Array.Copy(source, target, count);
    }

    /// <summary>
    /// Gives <paramref name="target"/> <paramref name="source"/>'s length, copying nothing, and writes each page of a new
    /// array once, so that a later <see cref="Into"/> neither allocates nor faults in fresh pages; with
    /// <paramref name="checkOnly"/>, changes nothing. Returns whether the target already had that length. The source
    /// may be replaced by its owner meanwhile (a racing read sees the old array or the new one; a stale length only
    /// means the copy allocates after all).
    /// </summary>
    public static bool Shape<T>(T[] source, ref T[] target, bool checkOnly)
        where T : unmanaged
    {
        if (target.Length == source.Length)
        {
            return true;
        }

        if (checkOnly)
        {
            return false;
        }

        var shaped = new T[source.Length];
        Span<byte> bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(shaped.AsSpan());
        for (int i = 0; i < bytes.Length; i += 4096)
        {
            bytes[i] = 0;
        }

        target = shaped;
        return false;
    }
}
