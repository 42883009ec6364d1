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

    public void Dispose() => _stream.Dispose();
}
