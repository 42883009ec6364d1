namespace DarkPool.Protocol.Internal;

/// <summary>
/// Arrays of one element type, one per length from 0 to a maximum, each created on first use and then handed out again
/// for every request of that length: for a single-threaded user that is done with an array before it asks for the next
/// one of the same length (the enclave's batch decoding and batch answers).
/// </summary>
internal sealed class ArraysByLength<T>(int maxLength)
{
    private readonly T[]?[] _arrays = new T[maxLength + 1][];

    /// <summary>The array of <paramref name="length"/> elements (at most the maximum), holding whatever its last user left.</summary>
    public T[] Get(int length) => _arrays[length] ??= new T[length];
}
