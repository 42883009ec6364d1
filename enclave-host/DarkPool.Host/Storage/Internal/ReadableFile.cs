using DarkPool.Enclave.Storage;
using Microsoft.Win32.SafeHandles;

namespace DarkPool.Host.Storage.Internal;

/// <summary>A file open for positional reads (<c>pread</c>) that others may keep writing, renaming or deleting.</summary>
internal sealed class ReadableFile : IReadableFile
{
    private readonly SafeFileHandle _handle;

    public ReadableFile(string path)
    {
        _handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
    }

    public long Length => RandomAccess.GetLength(_handle);

    public int Read(long offset, Span<byte> destination)
    {
        int total = 0;
        while (total < destination.Length)
        {
            int read = RandomAccess.Read(_handle, destination[total..], offset + total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    public void Dispose() => _handle.Dispose();
}
