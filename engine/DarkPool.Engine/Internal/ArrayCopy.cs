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
}
