namespace DarkPool.Testing.Shared;

/// <summary>
/// Measures what a warm path allocates on the calling thread, in whole batches of operations, for the zero-allocation
/// tests of the per-envelope paths.
/// </summary>
/// <remarks>
/// The runtime itself sometimes allocates a few kilobytes on a thread that is only running already-compiled code: on a
/// loaded machine, while tiered compilation replaces methods (the .NET runtime's own
/// <c>GetAllocatedBytesForCurrentThread</c> test fails the same way, dotnet/runtime#13502 and #63487: 5–10 KB over
/// what it allocated). One such event in the one measured batch failed this suite's CI once (5,848 bytes over 200
/// requests, a test that passes alone every time). So up to <c>maxBatches</c> batches are measured and the measuring
/// stops at the first that allocated nothing. This does not hide a path that allocates: a path that allocates on every
/// call, or on any fixed share of calls, allocates in every batch; only a one-off event outside the path is passed
/// over. The tests assert the last measured batch is zero and print every batch's bytes when it is not.
/// </remarks>
internal static class WarmAllocations
{
    /// <summary>
    /// Runs <paramref name="batch"/>(0) unmeasured (the warm-up), then <paramref name="batch"/>(1),
    /// <paramref name="batch"/>(2)… each measured, until one allocates nothing or <paramref name="maxBatches"/> were
    /// measured. Returns the bytes each measured batch allocated, in order.
    /// </summary>
    public static long[] Measure(Action<int> batch, int maxBatches)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatches, 1);
        batch(0);
        var bytes = new long[maxBatches];
        for (int i = 0; i < maxBatches; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            batch(i + 1);
            bytes[i] = GC.GetAllocatedBytesForCurrentThread() - before;
            if (bytes[i] == 0)
            {
                return bytes[..(i + 1)];
            }
        }

        return bytes;
    }

    /// <summary>The bytes of each measured batch, for an assertion's message.</summary>
    public static string Describe(long[] bytes) => $"bytes per measured batch: {string.Join(", ", bytes)}";
}
