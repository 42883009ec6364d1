namespace DarkPool.Enclave.Tests.Journal.Faults;

/// <summary>Crashes, copies of the disk, and damage to stored bytes.</summary>
internal sealed partial class FaultyFolder
{
    /// <summary>
    /// Power cut and reboot: whatever was running is gone; the folder now holds what the disk held, plus what the
    /// seeded crash model lets survive of the unsynced writes and directory operations.
    /// </summary>
    public void Restart()
    {
        lock (_gate)
        {
            int keptOperations = _random.Next(_unsyncedDirectory.Count + 1);
            for (int i = 0; i < keptOperations; i++)
            {
                _unsyncedDirectory[i].ApplyTo(_durable);
            }

            _unsyncedDirectory.Clear();
            foreach (Inode inode in _durable.Values.Distinct())
            {
                int unsynced = inode.Length - inode.DurableLength;
                int survive = _random.Next(3) switch
                {
                    0 => 0,
                    1 => unsynced,
                    _ => _random.Next(unsynced + 1),
                };
                inode.Crash(survive);
            }

            _cached = new Dictionary<string, Inode>(_durable, StringComparer.Ordinal);
            _crashed = false;
            _crashCountdown = long.MaxValue;
        }
    }

    /// <summary>What the host could copy off the disk now: durable names and bytes only, with a fresh crash model.</summary>
    public FaultyFolder CloneDurable(int seed)
    {
        lock (_gate)
        {
            var copy = new FaultyFolder(seed);
            foreach ((string name, Inode inode) in _durable)
            {
                copy._durable[name] = inode.CloneDurable();
            }

            copy._cached = new Dictionary<string, Inode>(copy._durable, StringComparer.Ordinal);
            return copy;
        }
    }

    /// <summary>The names on the disk and in the cache (they agree after a restart or a folder sync), sorted.</summary>
    public IReadOnlyList<string> Names
    {
        get
        {
            lock (_gate)
            {
                return _cached.Keys.Order(StringComparer.Ordinal).ToArray();
            }
        }
    }

    public byte[] ContentOf(string name)
    {
        lock (_gate)
        {
            return _cached[name].Content.ToArray();
        }
    }

    public int LengthOf(string name)
    {
        lock (_gate)
        {
            return _cached[name].Length;
        }
    }

    public void FlipBit(string name, int offset, int bit)
    {
        lock (_gate)
        {
            _cached[name].FlipBit(offset, bit);
        }
    }

    /// <summary>Replaces bytes in place (as damage or a host's tampering would), durably.</summary>
    public void Overwrite(string name, int offset, ReadOnlySpan<byte> bytes)
    {
        lock (_gate)
        {
            _cached[name].Overwrite(offset, bytes);
        }
    }

    /// <summary>Appends bytes that are on the disk at once (a file extended by the file system, e.g. with zeros).</summary>
    public void AppendDurable(string name, ReadOnlySpan<byte> bytes)
    {
        lock (_gate)
        {
            Inode inode = _cached[name];
            inode.Append(bytes);
            inode.Sync();
        }
    }

    /// <summary>Cuts a file on the disk (as a host could).</summary>
    public void TruncateDurable(string name, int length)
    {
        lock (_gate)
        {
            _cached[name].Truncate(length);
        }
    }

    /// <summary>Removes a file from the disk at once (as a host could).</summary>
    public void DeleteDurable(string name)
    {
        lock (_gate)
        {
            _ = _cached.Remove(name);
            _ = _durable.Remove(name);
        }
    }

    /// <summary>Puts a copy of a file from another folder's disk here, durably (as a host splicing histories could).</summary>
    public void CopyFrom(FaultyFolder other, string name, string? asName = null)
    {
        Inode copy;
        lock (other._gate)
        {
            copy = other._cached[name].CloneDurable();
        }

        lock (_gate)
        {
            _cached[asName ?? name] = copy;
            _durable[asName ?? name] = copy;
        }
    }
}
