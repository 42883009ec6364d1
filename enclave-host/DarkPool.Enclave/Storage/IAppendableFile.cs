namespace DarkPool.Enclave.Storage;

/// <summary>A file being written at its end, by one thread. Dispose closes it without syncing.</summary>
public interface IAppendableFile : IDisposable
{
    /// <summary>The file's length: everything appended so far, durable or not.</summary>
    long Length { get; }

    /// <summary>Writes <paramref name="data"/> at the end of the file, in one write call; not durable until <see cref="Flush"/>.</summary>
    void Append(ReadOnlySpan<byte> data);

    /// <summary>fsync: every byte appended so far is on the disk when this returns.</summary>
    void Flush();
}
