using DarkPool.Enclave.Storage;
using DarkPool.Host.Storage.Internal;

namespace DarkPool.Host.Storage;

/// <summary>
/// The enclave's data folder on the host's file system. Appends are single unbuffered writes, <c>Flush</c> is
/// <c>fsync</c> (through <see cref="FileStream.Flush(bool)"/>, checked with strace on .NET 10, docs/STORAGE.md), and
/// <see cref="SyncFolder"/> opens the directory and fsyncs it. Files are created readable by their owner only.
/// </summary>
public sealed class FileDataFolder : IDataFolder
{
    /// <summary>Uses <paramref name="path"/>, creating it (mode 0700 on Unix) if it does not exist.</summary>
    public FileDataFolder(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        FullPath = Path.GetFullPath(path);
        if (OperatingSystem.IsWindows())
        {
            _ = Directory.CreateDirectory(FullPath);
        }
        else
        {
            _ = Directory.CreateDirectory(FullPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>The folder's absolute path.</summary>
    public string FullPath { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> ListFiles() =>
        new DirectoryInfo(FullPath).EnumerateFiles().Select(file => file.Name).ToArray();

    /// <inheritdoc />
    public IAppendableFile CreateFile(string name) => new AppendableFile(PathOf(name));

    /// <inheritdoc />
    public IReadableFile OpenRead(string name) => new ReadableFile(PathOf(name));

    /// <inheritdoc />
    public void Truncate(string name, long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        using var stream = new FileStream(PathOf(name), FileMode.Open, FileAccess.Write, FileShare.Read, bufferSize: 0);
        stream.SetLength(length);
        stream.Flush(flushToDisk: true);
    }

    /// <inheritdoc />
    public void Shrink(string name, long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        using var stream = new FileStream(PathOf(name), FileMode.Open, FileAccess.Write, FileShare.Read, bufferSize: 0);
        stream.SetLength(length);
    }

    /// <inheritdoc />
    public void Rename(string sourceName, string destinationName) => File.Move(PathOf(sourceName), PathOf(destinationName), overwrite: true);

    /// <inheritdoc />
    public void Delete(string name) => File.Delete(PathOf(name));

    /// <inheritdoc />
    public void SyncFolder() => DirectorySync.Sync(FullPath);

    private string PathOf(string name)
    {
        StorageFileName.Validate(name, nameof(name));
        return Path.Combine(FullPath, name);
    }
}
