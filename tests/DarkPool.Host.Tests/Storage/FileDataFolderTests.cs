using DarkPool.Enclave.Storage;
using DarkPool.Host.Storage;

namespace DarkPool.Host.Tests.Storage;

public sealed class FileDataFolderTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void CreateFile_AppendFlush_ReadsBackWhatWasWritten()
    {
        var folder = new FileDataFolder(_temp.Path);
        using (IAppendableFile file = folder.CreateFile("a.seg"))
        {
            file.Append("hello, "u8);
            file.Append("world"u8);
            file.Flush();
            Assert.Equal(12, file.Length);
        }

        using IReadableFile read = folder.OpenRead("a.seg");
        var buffer = new byte[20];

        Assert.Equal(12, read.Length);
        Assert.Equal(12, read.Read(0, buffer));
        Assert.Equal("hello, world"u8.ToArray(), buffer[..12]);
        Assert.Equal(5, read.Read(7, buffer));
        Assert.Equal(0, read.Read(12, buffer));
    }

    [Fact]
    public void CreateFile_NameExists_Throws()
    {
        var folder = new FileDataFolder(_temp.Path);
        folder.CreateFile("a").Dispose();

        _ = Assert.Throws<IOException>(() => folder.CreateFile("a"));
    }

    [Fact]
    public void OpenRead_Missing_Throws()
    {
        var folder = new FileDataFolder(_temp.Path);

        _ = Assert.Throws<FileNotFoundException>(() => folder.OpenRead("missing"));
    }

    [Fact]
    public void Truncate_CutsTheFile()
    {
        var folder = new FileDataFolder(_temp.Path);
        using (IAppendableFile file = folder.CreateFile("t"))
        {
            file.Append(new byte[100]);
            file.Flush();
        }

        folder.Truncate("t", 40);

        using IReadableFile read = folder.OpenRead("t");
        Assert.Equal(40, read.Length);
    }

    [Fact]
    public void Shrink_CutsTheFile_KeepsTheRest_AndRefusesBadArguments()
    {
        var folder = new FileDataFolder(_temp.Path);
        byte[] data = [.. Enumerable.Range(0, 100).Select(i => (byte)i)];
        using (IAppendableFile file = folder.CreateFile("s"))
        {
            file.Append(data);
            file.WriteBack();
            file.Flush();
        }

        folder.Shrink("s", 40);

        using (IReadableFile read = folder.OpenRead("s"))
        {
            Assert.Equal(40, read.Length);
            var kept = new byte[40];
            Assert.Equal(40, read.Read(0, kept));
            Assert.Equal(data[..40], kept);
        }

        _ = Assert.Throws<ArgumentOutOfRangeException>(() => folder.Shrink("s", -1));
        _ = Assert.Throws<FileNotFoundException>(() => folder.Shrink("missing", 0));
    }

    [Fact]
    public void Rename_ReplacesTheDestination_AndSyncFolderSucceeds()
    {
        var folder = new FileDataFolder(_temp.Path);
        using (IAppendableFile file = folder.CreateFile("new.tmp"))
        {
            file.Append("new"u8);
            file.Flush();
        }

        using (IAppendableFile file = folder.CreateFile("state"))
        {
            file.Append("old"u8);
            file.Flush();
        }

        folder.Rename("new.tmp", "state");
        folder.SyncFolder();

        Assert.Equal(["state"], folder.ListFiles());
        Assert.Equal("new"u8.ToArray(), File.ReadAllBytes(Path.Combine(_temp.Path, "state")));
    }

    [Fact]
    public void Delete_RemovesTheFile_AndIgnoresAMissingOne()
    {
        var folder = new FileDataFolder(_temp.Path);
        folder.CreateFile("gone").Dispose();

        folder.Delete("gone");
        folder.Delete("never-there");
        folder.SyncFolder();

        Assert.Empty(folder.ListFiles());
    }

    [Fact]
    public void ListFiles_ShowsFilesOnly()
    {
        var folder = new FileDataFolder(_temp.Path);
        folder.CreateFile("one").Dispose();
        folder.CreateFile("two").Dispose();
        _ = Directory.CreateDirectory(Path.Combine(_temp.Path, "sub"));

        Assert.Equal(["one", "two"], folder.ListFiles().Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData(".hidden")]
    [InlineData("")]
    [InlineData("tab\there")]
    public void Names_ThatCouldLeaveTheFolder_AreRefused(string name)
    {
        var folder = new FileDataFolder(_temp.Path);

        _ = Assert.Throws<ArgumentException>(() => folder.CreateFile(name));
        _ = Assert.Throws<ArgumentException>(() => folder.OpenRead(name));
        _ = Assert.Throws<ArgumentException>(() => folder.Delete(name));
        _ = Assert.Throws<ArgumentException>(() => folder.Rename("x", name));
        Assert.False(StorageFileName.IsValid(name));
    }

    [Fact]
    public void FolderAndFiles_AreForTheirOwnerOnly()
    {
        var folder = new FileDataFolder(_temp.Path);
        folder.CreateFile("sealed").Dispose();

        // Windows has no Unix modes; the host runs on Linux.
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_temp.Path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_temp.Path, "sealed")));
        }
    }
}
