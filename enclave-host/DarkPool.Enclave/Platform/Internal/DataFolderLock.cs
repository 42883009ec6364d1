using System.Diagnostics.CodeAnalysis;

namespace DarkPool.Enclave.Platform.Internal;

/// <summary>
/// One open platform per data folder: a lock file opened with <see cref="FileShare.None"/> (an exclusive
/// <c>flock</c> on Unix, a share-mode lock on Windows) and held until disposed, so that no second instance, in this
/// process or another, can keep its own copy of the counter and write over the first one's increments. The file is
/// never deleted: an opener could otherwise lock a new file while another instance still holds the old one. The lock
/// is advisory on Unix and .NET skips it when file locking is disabled (<c>DOTNET_SYSTEM_IO_DISABLEFILELOCKING</c>);
/// <see cref="AuthenticatedCounterFile"/> re-reads its file before each write for that case.
/// </summary>
internal sealed class DataFolderLock : IDisposable
{
    public const string FileName = "platform.lock";

    private readonly FileStream _stream;

    private DataFolderLock(FileStream stream) => _stream = stream;

    public static bool TryAcquire(string folder, [NotNullWhen(true)] out DataFolderLock? folderLock, out PlatformOpenError error)
    {
        string path = Path.Combine(folder, FileName);
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            folderLock = new DataFolderLock(new FileStream(path, options));
            error = default;
            return true;
        }
        catch (IOException e) when (e.GetType() == typeof(IOException))
        {
            // A sharing violation is a plain IOException; missing folders and the like are subclasses and propagate.
            folderLock = null;
            error = new PlatformOpenError(
                PlatformOpenErrorKind.InUse,
                $"'{path}' is locked: another open platform, in this process or another, holds the data folder ({e.Message})");
            return false;
        }
    }

    public void Dispose() => _stream.Dispose();
}
