namespace DarkPool.Testing.Shared;

/// <summary>
/// Measures what a warm path allocates on the calling thread, in whole batches of operations, for the zero-allocation
/// tests of the per-envelope paths.
/// </summary>
/// <remarks>
/// The runtime itself sometimes allocates a few kilobytes on a thread that is only running already-compiled code on a
/// loaded machine (the .NET runtime's own <c>GetAllocatedBytesForCurrentThread</c> test fails the same way,
/// dotnet/runtime#13502 and #63487: 5–10 KB over what it allocated). One such event in the one measured batch failed
/// this suite's CI once (5,848 bytes over 200 requests, in a test that passes alone every time). So every one of
/// several batches is measured and the tests allow at most one of them to have allocated: a single isolated event is
/// passed over, while an allocation that recurs within two batches' worth of calls fails (a path that allocates on one
/// call in a thousand fails about as often as the single-batch test did).
/// </remarks>
internal static class WarmAllocations
{
    /// <summary>
    /// Runs <paramref name="batch"/>(0) unmeasured (the warm-up), then <paramref name="batch"/>(1) to
    /// <paramref name="batch"/>(<paramref name="batches"/>), each measured. Returns the bytes each measured batch
    /// allocated, in order.
    /// </summary>
    public static long[] Measure(Action<int> batch, int batches)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batches, 2);
        batch(0);
        var bytes = new long[batches];
        for (int i = 0; i < batches; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            batch(i + 1);
            bytes[i] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        return bytes;
    }

    /// <summary>Whether at most one measured batch allocated anything (the assertion the tests make).</summary>
    public static bool AtMostOneAllocated(long[] bytes) => bytes.Count(b => b != 0) <= 1;

    /// <summary>The bytes of each measured batch, for an assertion's message.</summary>
    public static string Describe(long[] bytes) => $"bytes per measured batch: {string.Join(", ", bytes)}";
}
