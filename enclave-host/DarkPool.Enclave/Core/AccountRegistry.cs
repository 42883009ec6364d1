using System.Buffers;
using System.Buffers.Binary;
using DarkPool.Protocol.Accounts;

namespace DarkPool.Enclave.Core;

/// <summary>
/// Ethereum addresses to the engine's dense account ids, assigned in the order accounts first appear in the
/// journal (a session opened, a deposit credited), so that replay assigns the same ids. Id 0 is the fee account.
/// </summary>
public sealed class AccountRegistry
{
    private readonly Dictionary<AccountAddress, int> _ids = [];
    private readonly List<AccountAddress> _addresses = [default];

    /// <summary>Accounts registered, the fee account not counted.</summary>
    public int Count => _addresses.Count - 1;

    /// <summary>The id of <paramref name="address"/>, registering it if it is new; false when the registry is full.</summary>
    public bool TryGetOrAdd(AccountAddress address, int maxAccounts, out int id)
    {
        if (_ids.TryGetValue(address, out id))
        {
            return true;
        }

        if (_addresses.Count >= maxAccounts || address.IsZero)
        {
            id = 0;
            return false;
        }

        id = _addresses.Count;
        _addresses.Add(address);
        _ids.Add(address, id);
        return true;
    }

    /// <summary>The id of a known address.</summary>
    public bool TryGet(AccountAddress address, out int id) => _ids.TryGetValue(address, out id);

    /// <summary>The address of an id; the zero address for the fee account or an unknown id.</summary>
    public AccountAddress AddressOf(int id) => (uint)id < (uint)_addresses.Count ? _addresses[id] : default;

    /// <summary>Count, then each address in id order.</summary>
    public void WriteTo(IBufferWriter<byte> output)
    {
        BinaryPrimitives.WriteInt32LittleEndian(output.GetSpan(4), Count);
        output.Advance(4);
        for (int id = 1; id < _addresses.Count; id++)
        {
            _addresses[id].WriteTo(output.GetSpan(AccountAddress.Size));
            output.Advance(AccountAddress.Size);
        }
    }

    /// <summary>Reads what <see cref="WriteTo"/> wrote; returns the bytes consumed, or -1 if they are not a registry.</summary>
    public static int TryRead(ReadOnlySpan<byte> source, out AccountRegistry registry)
    {
        registry = new AccountRegistry();
        if (source.Length < 4)
        {
            return -1;
        }

        int count = BinaryPrimitives.ReadInt32LittleEndian(source);
        if (count < 0 || count > (source.Length - 4) / AccountAddress.Size)
        {
            return -1;
        }

        for (int i = 0; i < count; i++)
        {
            var address = AccountAddress.FromBytes(source.Slice(4 + (i * AccountAddress.Size), AccountAddress.Size));
            if (address.IsZero || !registry._ids.TryAdd(address, registry._addresses.Count))
            {
                return -1;
            }

            registry._addresses.Add(address);
        }

        return 4 + (count * AccountAddress.Size);
    }
}
