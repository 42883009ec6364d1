namespace DarkPool.Enclave.Serialization;

/// <summary>Fresh memory made ready before it is needed on a path that must not stop.</summary>
internal static class MemoryPages
{
    /// <summary>
    /// Writes one byte of every 4 KiB page of <paramref name="memory"/>: a new array's pages are only mapped when first
    /// written, and the kernel zeroing them had been part of the pauses this memory was reserved to avoid.
    /// </summary>
    public static void Touch(Span<byte> memory)
    {
        for (int i = 0; i < memory.Length; i += 4096)
        {
            memory[i] = 0;
        }
    }
}
