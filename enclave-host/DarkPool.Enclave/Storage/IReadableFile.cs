namespace DarkPool.Enclave.Storage;

/// <summary>A file open for positional reads. Dispose closes it.</summary>
public interface IReadableFile : IDisposable
{
    /// <summary>The file's current length.</summary>
    long Length { get; }

    /// <summary>
    /// Reads from <paramref name="offset"/> into <paramref name="destination"/>, returning the number of bytes read:
    /// fewer than asked only at the end of the file.
    /// </summary>
    int Read(long offset, Span<byte> destination);
}
