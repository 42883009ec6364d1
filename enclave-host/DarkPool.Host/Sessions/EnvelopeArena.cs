namespace DarkPool.Host.Sessions;

// Design:
// The event logs retain every answer for minutes (so a client can resume), which made each answer a heap object that
// survived two young collections and was copied into the old generation: at tens of thousands of answers a second the
// young collections' pauses grew with it. The retained bytes are copied instead into chunks, so a collection finds a
// handful of large arrays rather than one object per answer; once a session sends enough to need 128 KiB chunks they
// are allocated in the large object heap, never copied at all. Each session's log has its own arena: a chunk holds only
// that session's answers, so when the log drops its oldest answers (its count limit or the retention sweep), the chunks
// they filled are no longer referenced and the collector frees them; a busy session can never keep chunks alive on
// behalf of a quiet one (a shared arena did: one answer of a quiet session pinned a whole chunk for the retention time).
// Chunks start at 4 KiB and double, so a quiet session's slack stays small. A chunk is never reused: bytes handed out
// are never overwritten. Not thread-safe: its log calls it under the log's own lock.

/// <summary>
/// Append-only storage for one session log's retained envelopes, in chunks that grow from 4 KiB to 128 KiB; one caller
/// at a time.
/// </summary>
public sealed class EnvelopeArena
{
    /// <summary>The first chunk's size.</summary>
    public const int FirstChunkSize = 4 * 1024;

    /// <summary>The largest chunk: above the large-object threshold (85,000 bytes), so such chunks are never copied.</summary>
    public const int MaxChunkSize = 128 * 1024;

    private byte[] _chunk = [];
    private int _used;

    /// <summary>Copies <paramref name="bytes"/> in; the returned slice stays valid and unchanged for as long as it is referenced.</summary>
    public ReadOnlyMemory<byte> Append(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxChunkSize / 4)
        {
            // Far larger than any envelope: kept on its own rather than wasting most of a chunk.
            return bytes.ToArray();
        }

        if (_chunk.Length - _used < bytes.Length)
        {
            _chunk = GC.AllocateUninitializedArray<byte>(Math.Clamp(_chunk.Length * 2, FirstChunkSize, MaxChunkSize));
            _used = 0;
        }

        var slice = new Memory<byte>(_chunk, _used, bytes.Length);
        bytes.CopyTo(slice.Span);
        _used += bytes.Length;
        return slice;
    }
}
