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

    /// <summary>
    /// Writes the bytes appended so far to the disk and waits for that, without making them durable: no file-system
    /// journal commit, which only <see cref="Flush"/> makes. A large file written back in pieces then needs one small
    /// commit at its <see cref="Flush"/>, instead of one commit per fsync'd piece that every other file's fsync on the same
    /// file system would queue behind. A hint: the default does nothing, and nothing is durable until <see cref="Flush"/>.
    /// </summary>
    void WriteBack()
    {
    }
}
