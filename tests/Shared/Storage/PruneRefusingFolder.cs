using DarkPool.Enclave.Storage;

namespace DarkPool.Testing.Shared;

/// <summary>
/// A data folder that, while <see cref="Failing"/>, refuses the renames a journal's prune starts with (a file to its
/// name + ".tmp"; writing a snapshot renames the other way and goes through) with an <see cref="IOException"/>.
/// </summary>
internal sealed class PruneRefusingFolder(IDataFolder inner) : IDataFolder
{
    /// <summary>The message of every refusal.</summary>
    public const string RefusalMessage = "Simulated: the disk refused the rename.";

    private int _refused;

    public bool Failing { get; set; }

    /// <summary>How many renames were refused.</summary>
    public int Refused => Volatile.Read(ref _refused);

    public IReadOnlyList<string> ListFiles() => inner.ListFiles();

    public IAppendableFile CreateFile(string name) => inner.CreateFile(name);

    public IReadableFile OpenRead(string name) => inner.OpenRead(name);

    public void Truncate(string name, long length) => inner.Truncate(name, length);

    public void Shrink(string name, long length) => inner.Shrink(name, length);

    public void Rename(string sourceName, string destinationName)
    {
        if (Failing && destinationName.EndsWith(".tmp", StringComparison.Ordinal))
        {
            _ = Interlocked.Increment(ref _refused);
            throw new IOException(RefusalMessage);
        }

        inner.Rename(sourceName, destinationName);
    }

    public void Delete(string name) => inner.Delete(name);

    public void SyncFolder() => inner.SyncFolder();
}
