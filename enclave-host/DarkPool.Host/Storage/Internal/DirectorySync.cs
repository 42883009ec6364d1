using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace DarkPool.Host.Storage.Internal;

/// <summary>
/// fsync of a directory, which makes the names created, renamed or deleted in it durable. .NET has no API for it:
/// <c>File.OpenHandle</c> opens the directory and then refuses it (UnauthorizedAccessException, checked on .NET 10),
/// and <c>FileStream</c> does the same. So the directory is opened with libc's <c>open</c> (read-only,
/// O_DIRECTORY | O_CLOEXEC on Linux) and fsynced with libc's <c>fsync</c>; the descriptor lives in a
/// <see cref="SafeFileHandle"/>, which closes it. Plain <c>DllImport</c> with runtime marshalling: no unsafe code, and
/// <c>LibraryImport</c> would need AllowUnsafeBlocks for its generated stubs.
/// </summary>
internal static class DirectorySync
{
    private const int ReadOnly = 0;
    private const int LinuxDirectory = 0x10000;     // O_DIRECTORY: fail unless the path is a directory.
    private const int LinuxCloseOnExec = 0x80000;   // O_CLOEXEC: no child process inherits the descriptor.

    public static void Sync(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return; // NTFS makes a rename durable with its own journal; there is no directory handle to flush.
        }

        int flags = OperatingSystem.IsLinux() ? ReadOnly | LinuxDirectory | LinuxCloseOnExec : ReadOnly;
        int descriptor = Open(directory, flags);
        if (descriptor < 0)
        {
            throw new IOException($"Cannot open directory '{directory}' to fsync it (errno {Marshal.GetLastPInvokeError()}).");
        }

        using var handle = new SafeFileHandle(descriptor, ownsHandle: true);

        if (Fsync(handle) != 0)
        {
            throw new IOException($"fsync of directory '{directory}' failed (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(SafeFileHandle descriptor);
}
