using System.Runtime.CompilerServices;

namespace DarkPool.Engine.Internal;

/// <summary>
/// Open-addressing map from (account, client order id) to an order slot: linear probing over one array
/// of 16-byte entries (a probe touches one cache line), power-of-two capacity kept at most half full,
/// backward-shift deletion (no tombstones, so probe chains never degrade under churn). Slot 0 marks an
/// empty bucket.
/// </summary>
internal sealed class OrderIndex
{
    private Entry[] _entries;
    private int _mask;
    private int _count;

    public OrderIndex(int expected)
    {
        int capacity = 16;
        while (capacity < expected * 2)
        {
            capacity *= 2;
        }

        _entries = new Entry[capacity];
        _mask = capacity - 1;
    }

    public int Count => _count;

    /// <summary>Gives <paramref name="target"/>'s table this one's length (<see cref="ArrayCopy.Shape"/>), or checks it; whether it had it.</summary>
    public bool ShapeTo(OrderIndex target, bool checkOnly) => ArrayCopy.Shape(_entries, ref target._entries, checkOnly);

    /// <summary>Makes <paramref name="target"/> hold what this holds.</summary>
    public void CopyTo(OrderIndex target)
    {
        ArrayCopy.Into(_entries, ref target._entries, _entries.Length);
        target._mask = _mask;
        target._count = _count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(int account, long id)
    {
        Entry[] entries = _entries;
        int i = Home(account, id);
        while (true)
        {
            ref Entry e = ref entries[i];
            if (e.Slot == 0 || (e.Id == id && e.Account == account))
            {
                return e.Slot;
            }

            i = (i + 1) & _mask;
        }
    }

    /// <summary>Adds a key that is not present.</summary>
    public void Add(int account, long id, int slot)
    {
        if ((_count + 1) * 2 > _entries.Length)
        {
            Grow();
        }

        int i = Home(account, id);
        while (_entries[i].Slot != 0)
        {
            i = (i + 1) & _mask;
        }

        _entries[i] = new Entry { Id = id, Account = account, Slot = slot };
        _count++;
    }

    public bool Remove(int account, long id)
    {
        int i = Home(account, id);
        while (true)
        {
            ref Entry e = ref _entries[i];
            if (e.Slot == 0)
            {
                return false;
            }

            if (e.Id == id && e.Account == account)
            {
                break;
            }

            i = (i + 1) & _mask;
        }

        // Backward shift: pull later entries of the chain into the hole unless that would move one before its home.
        int hole = i;
        int j = i;
        while (true)
        {
            j = (j + 1) & _mask;
            ref Entry e = ref _entries[j];
            if (e.Slot == 0)
            {
                break;
            }

            int home = Home(e.Account, e.Id);
            bool movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable)
            {
                _entries[hole] = e;
                hole = j;
            }
        }

        _entries[hole] = default;
        _count--;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Home(int account, long id)
    {
        ulong h = ((ulong)id * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)account * 0xC2B2AE3D27D4EB4FUL);
        h ^= h >> 29;
        return (int)h & _mask;
    }

    private void Grow()
    {
        Entry[] old = _entries;
        _entries = new Entry[old.Length * 2];
        _mask = _entries.Length - 1;
        _count = 0;
        foreach (Entry e in old)
        {
            if (e.Slot != 0)
            {
                Add(e.Account, e.Id, e.Slot);
            }
        }
    }

    private struct Entry
    {
        public long Id;
        public int Account;
        public int Slot;
    }
}
