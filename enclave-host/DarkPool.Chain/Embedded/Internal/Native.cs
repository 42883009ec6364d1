using System.Runtime.InteropServices;

namespace DarkPool.Chain.Embedded.Internal;

/// <summary>The three libc calls .NET does not offer for directories: open, fsync, close.</summary>
internal static class Native
{
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    public static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    public static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    public static extern int Close(int fd);
}
