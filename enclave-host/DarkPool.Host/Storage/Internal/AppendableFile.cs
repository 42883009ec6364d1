using DarkPool.Enclave.Storage;

namespace DarkPool.Host.Storage.Internal;

/// <summary>
/// A new file written at its end. The stream is unbuffered (buffer size 0), so <see cref="Append"/> is one
/// <c>pwrite</c> of the caller's bytes and <see cref="Flush"/> one <c>fsync</c>: nothing sits in a .NET buffer that
/// <c>Flush(true)</c> could skip (the .NET 6 and 7 bug, dotnet/runtime#77373).
/// </summary>
internal sealed class AppendableFile : IAppendableFile
{
    private readonly FileStream _stream;

    public AppendableFile(string path)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.Read | FileShare.Delete,
            BufferSize = 0,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        _stream = new FileStream(path, options);
    }

    public long Length => _stream.Position;

    public void Append(ReadOnlySpan<byte> data) => _stream.Write(data);

    public void Flush() => _stream.Flush(flushToDisk: true);

    /// <summary>
    /// Linux: <c>sync_file_range</c> over the whole file, waiting for the writes (the data reaches the disk; the file
    /// system commits nothing, so no other file's fsync waits on it). Elsewhere, and if the call fails, nothing: only
    /// <see cref="Flush"/> promises durability.
    /// </summary>
    public void WriteBack()
    {
        if (!OperatingSystem.IsLinux() || s_writeBackMissing)
        {
            return;
        }

        try
        {
            _ = SyncFileRange((int)_stream.SafeFileHandle.DangerousGetHandle(), 0, 0, WaitBefore | Write | WaitAfter);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            s_writeBackMissing = true; // a libc without it: the hint is skipped from now on
        }
    }

    public void Dispose() => _stream.Dispose();

    private static volatile bool s_writeBackMissing;

    private const uint WaitBefore = 1;
    private const uint Write = 2;
    private const uint WaitAfter = 4;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "sync_file_range")]
    private static extern int SyncFileRange(int descriptor, long offset, long count, uint flags);
}
