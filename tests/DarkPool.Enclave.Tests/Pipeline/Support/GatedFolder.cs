using DarkPool.Enclave.Storage;

namespace DarkPool.Enclave.Tests.Pipeline.Support;

/// <summary>
/// Wraps a folder so that a test can hold every file fsync until it opens the gate: the journal's commit then waits,
/// and the test can see what the pipeline releases before a record is durable (nothing, it must be). A closed gate can
/// let a counted number of fsyncs through, and a chosen later fsync can fail, as a disk that reports an error does.
/// </summary>
internal sealed class GatedFolder : IDataFolder
{
    private readonly IDataFolder _inner;
    private readonly object _gate = new();
    private bool _open = true;
    private int _permits;
    private int _waiting;
    private int _flushesBeforeFailure = -1;

    public GatedFolder(IDataFolder inner) => _inner = inner;

    /// <summary>How many fsyncs are waiting at the closed gate.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public void Close()
    {
        lock (_gate)
        {
            _open = false;
            _permits = 0;
        }
    }

    public void Open()
    {
        lock (_gate)
        {
            _open = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Lets <paramref name="count"/> fsyncs through the closed gate (those waiting first); the gate stays closed.</summary>
    public void Let(int count)
    {
        lock (_gate)
        {
            _permits += count;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Lets <paramref name="passing"/> more file fsyncs succeed, then fails every later one with an IOException.</summary>
    public void FailFlushesAfter(int passing) => Volatile.Write(ref _flushesBeforeFailure, passing);

    public IReadOnlyList<string> ListFiles() => _inner.ListFiles();

    public IAppendableFile CreateFile(string name) => new GatedFile(this, _inner.CreateFile(name));

    public IReadableFile OpenRead(string name) => _inner.OpenRead(name);

    public void Truncate(string name, long length) => _inner.Truncate(name, length);

    public void Rename(string sourceName, string destinationName) => _inner.Rename(sourceName, destinationName);

    public void Delete(string name) => _inner.Delete(name);

    public void SyncFolder() => _inner.SyncFolder();

    private void Pass()
    {
        lock (_gate)
        {
            Interlocked.Increment(ref _waiting);
            try
            {
                while (!_open && _permits == 0)
                {
                    Assert.True(Monitor.Wait(_gate, TimeSpan.FromSeconds(30)), "the gate was never opened");
                }

                if (!_open)
                {
                    _permits--;
                }
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }

        if (Volatile.Read(ref _flushesBeforeFailure) >= 0 && Interlocked.Decrement(ref _flushesBeforeFailure) < 0)
        {
            Volatile.Write(ref _flushesBeforeFailure, 0);
            throw new IOException("Injected fsync failure.");
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
