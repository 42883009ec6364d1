namespace DarkPool.Host.Sessions;

// Design:
// The event logs retain every answer for minutes (so a client can resume), which made each answer a heap object that
// survived two young collections and was copied into the old generation: at tens of thousands of answers a second the
// young collections' pauses grew with it. The retained bytes are copied instead into large shared chunks (1 MiB, so
// allocated in the large object heap, never copied by a collection); a young collection then finds almost nothing of
// the event logs to keep. A chunk is never reused: it is freed by the collector once no retained entry refers to it,
// so bytes handed out are never overwritten. Appends take a short lock (a copy of a few hundred bytes).

/// <summary>Append-only storage for retained envelopes, in large chunks shared by all sessions.</summary>
public sealed class EnvelopeArena
{
    /// <summary>The chunk size: above the large-object threshold, so chunks are never moved or promoted.</summary>
    public const int ChunkSize = 1 << 20;

    private readonly Lock _gate = new();
    private byte[] _chunk = GC.AllocateUninitializedArray<byte>(ChunkSize);
    private int _used;

    /// <summary>The arena the hub's logs share when none is given.</summary>
    public static EnvelopeArena Shared { get; } = new();

    /// <summary>Copies <paramref name="bytes"/> in; the returned slice stays valid and unchanged for as long as it is referenced.</summary>
    public ReadOnlyMemory<byte> Append(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > ChunkSize / 4)
        {
            // Far larger than any envelope: kept on its own rather than wasting most of a chunk.
            return bytes.ToArray();
        }

        lock (_gate)
        {
            if (ChunkSize - _used < bytes.Length)
            {
                _chunk = GC.AllocateUninitializedArray<byte>(ChunkSize);
                _used = 0;
            }

            var slice = new Memory<byte>(_chunk, _used, bytes.Length);
            bytes.CopyTo(slice.Span);
            _used += bytes.Length;
            return slice;
        }
    }
}
