namespace DarkPool.Host.Tests.Storage;

/// <summary>A temporary directory, removed with everything in it.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Root = Directory.CreateTempSubdirectory("dp-host-").FullName;
        Path = System.IO.Path.Combine(Root, "data");
    }

    public string Root { get; }

    public string Path { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
