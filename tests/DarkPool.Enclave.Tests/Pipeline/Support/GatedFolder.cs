using DarkPool.Enclave.Storage;

namespace DarkPool.Enclave.Tests.Pipeline.Support;

/// <summary>
/// Wraps a folder so that a test can hold every file fsync until it opens the gate: the journal's commit then waits,
/// and the test can see what the pipeline releases before a record is durable (nothing, it must be).
/// </summary>
internal sealed class GatedFolder : IDataFolder
{
    private readonly IDataFolder _inner;
    private readonly ManualResetEventSlim _gate = new(initialState: true);
    private int _waiting;

    public GatedFolder(IDataFolder inner) => _inner = inner;

    /// <summary>How many fsyncs are waiting at the closed gate.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public void Close() => _gate.Reset();

    public void Open() => _gate.Set();

    public IReadOnlyList<string> ListFiles() => _inner.ListFiles();

    public IAppendableFile CreateFile(string name) => new GatedFile(this, _inner.CreateFile(name));

    public IReadableFile OpenRead(string name) => _inner.OpenRead(name);

    public void Truncate(string name, long length) => _inner.Truncate(name, length);

    public void Rename(string sourceName, string destinationName) => _inner.Rename(sourceName, destinationName);

    public void Delete(string name) => _inner.Delete(name);

    public void SyncFolder() => _inner.SyncFolder();

    private void Pass()
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            Assert.True(_gate.Wait(TimeSpan.FromSeconds(30)), "the gate was never opened");
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    private sealed class GatedFile(GatedFolder folder, IAppendableFile inner) : IAppendableFile
    {
        public long Length => inner.Length;

        public void Append(ReadOnlySpan<byte> data) => inner.Append(data);

        public void Flush()
        {
            folder.Pass();
            inner.Flush();
        }

        public void Dispose() => inner.Dispose();
    }
}
