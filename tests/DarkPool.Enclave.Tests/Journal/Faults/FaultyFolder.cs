using DarkPool.Enclave.Storage;

namespace DarkPool.Enclave.Tests.Journal.Faults;

/// <summary>
/// An in-memory <see cref="IDataFolder"/> that models the page cache, seeded and deterministic. Appended bytes are on
/// the "disk" only after the file's Flush; creates, renames and deletes only after SyncFolder. A crash (at a chosen
/// operation, or by <see cref="Restart"/> at any time) keeps what is durable, a random prefix of each file's unsynced
/// bytes (so the last write can be torn, lost whole or kept whole) and a random prefix of the unsynced directory
/// operations (metadata is journaled in order, as ext4 and XFS do). Bits of stored data can be flipped.
/// </summary>
internal sealed partial class FaultyFolder : IDataFolder
{
    private readonly Lock _gate = new();
    private readonly Random _random;
    private Dictionary<string, Inode> _cached = new(StringComparer.Ordinal);
    private Dictionary<string, Inode> _durable = new(StringComparer.Ordinal);
    private readonly List<DirectoryOperation> _unsyncedDirectory = [];
    private long _crashCountdown = long.MaxValue;
    private bool _crashed;

    public FaultyFolder(int seed)
    {
        _random = new Random(seed);
    }

    /// <summary>Mutating operations so far (create, append, flush, truncate, rename, delete, folder sync, counter increment).</summary>
    public long Operations { get; private set; }

    /// <summary>File fsyncs so far.</summary>
    public int Flushes { get; private set; }

    /// <summary>Appends (write calls) so far.</summary>
    public int Appends { get; private set; }

    /// <summary>Folder fsyncs so far.</summary>
    public int FolderSyncs { get; private set; }

    /// <summary>True from the crash point until <see cref="Restart"/>.</summary>
    public bool HasCrashed
    {
        get
        {
            lock (_gate)
            {
                return _crashed;
            }
        }
    }

    /// <summary>The crash comes at the <paramref name="operations"/>-th mutating operation from now (1 = the next one), which does not complete.</summary>
    public void CrashAfter(long operations)
    {
        lock (_gate)
        {
            _crashCountdown = operations;
        }
    }

    /// <summary>A crash point outside the folder (the platform's counter increment) counts as an operation too.</summary>
    public void Tick()
    {
        lock (_gate)
        {
            BeginOperation();
        }
    }

    public IReadOnlyList<string> ListFiles()
    {
        lock (_gate)
        {
            ThrowIfCrashed();
            return _cached.Keys.ToArray();
        }
    }

    public IAppendableFile CreateFile(string name)
    {
        StorageFileName.Validate(name, nameof(name));
        lock (_gate)
        {
            BeginOperation();
            if (_cached.ContainsKey(name))
            {
                throw new IOException($"{name} exists.");
            }

            var inode = new Inode();
            _cached[name] = inode;
            _unsyncedDirectory.Add(new DirectoryOperation(DirectoryOperationKind.Create, name, null, inode));
            return new FaultyAppendableFile(this, inode);
        }
    }

    public IReadableFile OpenRead(string name)
    {
        lock (_gate)
        {
            ThrowIfCrashed();
            return _cached.TryGetValue(name, out Inode? inode) ? new FaultyReadableFile(this, inode) : throw new FileNotFoundException(name);
        }
    }

    public void Truncate(string name, long length)
    {
        lock (_gate)
        {
            BeginOperation();
            (_cached.TryGetValue(name, out Inode? inode) ? inode : throw new FileNotFoundException(name)).Truncate(checked((int)length));
        }
    }

    public void Rename(string sourceName, string destinationName)
    {
        StorageFileName.Validate(destinationName, nameof(destinationName));
        lock (_gate)
        {
            BeginOperation();
            Inode inode = _cached.TryGetValue(sourceName, out Inode? found) ? found : throw new FileNotFoundException(sourceName);
            _ = _cached.Remove(sourceName);
            _cached[destinationName] = inode;
            _unsyncedDirectory.Add(new DirectoryOperation(DirectoryOperationKind.Rename, sourceName, destinationName, inode));
        }
    }

    public void Delete(string name)
    {
        lock (_gate)
        {
            BeginOperation();
            if (_cached.Remove(name))
            {
                _unsyncedDirectory.Add(new DirectoryOperation(DirectoryOperationKind.Delete, name, null, null));
            }
        }
    }

    public void SyncFolder()
    {
        lock (_gate)
        {
            BeginOperation();
            FolderSyncs++;
            foreach (DirectoryOperation operation in _unsyncedDirectory)
            {
                operation.ApplyTo(_durable);
            }

            _unsyncedDirectory.Clear();
        }
    }

    internal void Append(Inode inode, ReadOnlySpan<byte> data)
    {
        lock (_gate)
        {
            if (_crashCountdown == 1 && !_crashed)
            {
                // The power goes while this write is in flight: part of it reaches the page cache.
                inode.Append(data[.._random.Next(data.Length + 1)]);
            }

            BeginOperation();
            Appends++;
            inode.Append(data);
        }
    }

    internal void Flush(Inode inode)
    {
        lock (_gate)
        {
            BeginOperation();
            Flushes++;
            inode.Sync();
        }
    }

    internal int Read(Inode inode, long offset, Span<byte> destination)
    {
        lock (_gate)
        {
            ThrowIfCrashed();
            ReadOnlySpan<byte> content = inode.Content;
            if (offset >= content.Length)
            {
                return 0;
            }

            int count = (int)Math.Min(destination.Length, content.Length - offset);
            content.Slice((int)offset, count).CopyTo(destination);
            return count;
        }
    }

    internal long LengthOf(Inode inode)
    {
        lock (_gate)
        {
            ThrowIfCrashed();
            return inode.Length;
        }
    }

    private void BeginOperation()
    {
        ThrowIfCrashed();
        Operations++;
        if (--_crashCountdown <= 0)
        {
            _crashed = true;
            throw new SimulatedCrashException();
        }
    }

    private void ThrowIfCrashed()
    {
        if (_crashed)
        {
            throw new SimulatedCrashException();
        }
    }
}
