using System.Runtime.CompilerServices;

namespace DarkPool.Engine.Internal;

/// <summary>
/// Open-addressing map from (account, client order id) to an order slot: linear probing over parallel
/// arrays, power-of-two capacity kept at most half full, backward-shift deletion (no tombstones, so
/// probe chains never degrade). Slot 0 marks an empty bucket.
/// </summary>
internal sealed class OrderIndex
{
    private long[] _ids;
    private int[] _accounts;
    private int[] _slots;
    private int _mask;
    private int _count;

    public OrderIndex(int expected)
    {
        int capacity = 16;
        while (capacity < expected * 2)
        {
            capacity *= 2;
        }

        _ids = new long[capacity];
        _accounts = new int[capacity];
        _slots = new int[capacity];
        _mask = capacity - 1;
    }

    public int Count => _count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(int account, long id)
    {
        int i = Home(account, id);
        while (true)
        {
            int slot = _slots[i];
            if (slot == 0 || (_ids[i] == id && _accounts[i] == account))
            {
                return slot;
            }

            i = (i + 1) & _mask;
        }
    }

    /// <summary>Adds a key that is not present.</summary>
    public void Add(int account, long id, int slot)
    {
        if ((_count + 1) * 2 > _slots.Length)
        {
            Grow();
        }

        int i = Home(account, id);
        while (_slots[i] != 0)
        {
            i = (i + 1) & _mask;
        }

        _ids[i] = id;
        _accounts[i] = account;
        _slots[i] = slot;
        _count++;
    }

    public bool Remove(int account, long id)
    {
        int i = Home(account, id);
        while (true)
        {
            if (_slots[i] == 0)
            {
                return false;
            }

            if (_ids[i] == id && _accounts[i] == account)
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
            if (_slots[j] == 0)
            {
                break;
            }

            int home = Home(_accounts[j], _ids[j]);
            bool movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable)
            {
                _ids[hole] = _ids[j];
                _accounts[hole] = _accounts[j];
                _slots[hole] = _slots[j];
                hole = j;
            }
        }

        _slots[hole] = 0;
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
        long[] ids = _ids;
        int[] accounts = _accounts;
        int[] slots = _slots;
        _ids = new long[ids.Length * 2];
        _accounts = new int[ids.Length * 2];
        _slots = new int[ids.Length * 2];
        _mask = _slots.Length - 1;
        _count = 0;
        for (int k = 0; k < slots.Length; k++)
        {
            if (slots[k] != 0)
            {
                Add(accounts[k], ids[k], slots[k]);
            }
        }
    }
}
