using System.Runtime.CompilerServices;

namespace DarkPool.Engine.Internal;

/// <summary>
/// The dark wallet: per account and asset, an available and a held balance side by side. Balances are
/// stored by asset, each asset a dense column indexed by account, so that the accounts trading one
/// market share a few kilobytes of cache instead of one row per account across every asset. A column
/// exists only once its asset was first deposited (so memory is 16 bytes per account per asset in use;
/// account ids are meant to be dense, assigned in order by the enclave). Columns grow by doubling when an account id beyond the current capacity is first credited (start-up, not
/// steady state). Invariant: per asset, the sum of available + held equals the asset's supply, which
/// only deposits and withdrawals change.
/// </summary>
internal sealed class Ledger
{
    private readonly long[] _supply;
    private readonly Balance[]?[] _columns;
    private int _accountCapacity;

    public Ledger(int assets, int expectedAccounts)
    {
        _supply = new long[assets];
        _accountCapacity = Math.Max(expectedAccounts, 1);
        _columns = new Balance[assets][];
    }

    /// <summary>Accounts that have a row (all others have zero balances).</summary>
    public int AccountCapacity => _accountCapacity;

    public long Supply(int asset) => _supply[asset];

    /// <summary>
    /// Gives <paramref name="target"/>'s columns this ledger's lengths (<see cref="ArrayCopy.Shape"/>), or with
    /// <paramref name="checkOnly"/> changes nothing; whether they all had them already.
    /// </summary>
    public bool ShapeTo(Ledger target, bool checkOnly)
    {
        bool same = true;
        for (int asset = 0; asset < _columns.Length; asset++)
        {
            Balance[]? column = _columns[asset];
            if (column is not null)
            {
                Balance[] shaped = target._columns[asset] ?? [];
                same &= ArrayCopy.Shape(column, ref shaped, checkOnly);
                if (!checkOnly)
                {
                    target._columns[asset] = shaped;
                }
            }
        }

        return same;
    }

    /// <summary>Makes <paramref name="target"/> (a ledger of as many assets) hold what this holds.</summary>
    public void CopyTo(Ledger target)
    {
        Array.Copy(_supply, target._supply, _supply.Length);
        for (int asset = 0; asset < _columns.Length; asset++)
        {
            Balance[]? column = _columns[asset];
            if (column is null)
            {
                target._columns[asset] = null;
                continue;
            }

            Balance[] copy = target._columns[asset] ?? [];
            ArrayCopy.Into(column, ref copy, column.Length);
            target._columns[asset] = copy;
        }

        target._accountCapacity = _accountCapacity;
    }

    public long Available(int account, int asset) =>
        account < _accountCapacity && _columns[asset] is { } column ? column[account].Available : 0;

    public long Held(int account, int asset) =>
        account < _accountCapacity && _columns[asset] is { } column ? column[account].Held : 0;

    /// <summary>Credits a deposit; false if the asset's supply would overflow.</summary>
    public bool TryDeposit(int account, int asset, long amount)
    {
        if (_supply[asset] > long.MaxValue - amount)
        {
            return false;
        }

        EnsureAccount(account);
        _columns[asset] ??= new Balance[_accountCapacity];
        _supply[asset] += amount;
        _columns[asset]![account].Available += amount;
        return true;
    }

    /// <summary>Debits available funds; false if there are not enough.</summary>
    public bool TryWithdraw(int account, int asset, long amount)
    {
        if (Available(account, asset) < amount)
        {
            return false;
        }

        _supply[asset] -= amount;
        _columns[asset]![account].Available -= amount;
        return true;
    }

    /// <summary>Moves available to held. The caller has checked that the funds are there.</summary>
    public void Hold(int account, int asset, long amount)
    {
        ref Balance b = ref _columns[asset]![account];
        b.Available -= amount;
        b.Held += amount;
    }

    /// <summary>
    /// Moves <paramref name="amount"/> from available to held if available covers it, in one lookup; false,
    /// changing nothing, if not. A negative amount moves held back to available; zero always succeeds and
    /// changes nothing (callers need not branch on it). Inlined: it is the amend path's one ledger call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryHold(int account, int asset, long amount)
    {
        Balance[]? column = _columns[asset];
        if (column is null || (uint)account >= (uint)column.Length)
        {
            // No row: nothing available and nothing held, so nothing can move either way.
            return amount == 0;
        }

        ref Balance b = ref column[account];
        if (amount > b.Available)
        {
            return false;
        }

        b.Available -= amount;
        b.Held += amount;
        return true;
    }

    /// <summary>Moves held back to available (cancel, reduce, leftover after a fill).</summary>
    public void Release(int account, int asset, long amount)
    {
        ref Balance b = ref _columns[asset]![account];
        b.Held -= amount;
        b.Available += amount;
    }

    /// <summary>Takes held funds out of the account: they leave through a trade.</summary>
    public void Spend(int account, int asset, long amount) => _columns[asset]![account].Held -= amount;

    /// <summary>Credits funds received through a trade or a fee. Cannot overflow: no balance exceeds the supply.</summary>
    public void Credit(int account, int asset, long amount) => _columns[asset]![account].Available += amount;

    public void EnsureAccount(int account)
    {
        if (account < _accountCapacity)
        {
            return;
        }

        int capacity = _accountCapacity;
        while (capacity <= account)
        {
            capacity = capacity > int.MaxValue / 2 ? int.MaxValue : capacity * 2;
        }

        for (int asset = 0; asset < _columns.Length; asset++)
        {
            if (_columns[asset] is not null)
            {
                Array.Resize(ref _columns[asset], capacity);
            }
        }

        _accountCapacity = capacity;
    }

    /// <summary>Adds every supply, then every non-zero balance in (account, asset) order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddToHash(ref StateHasher hasher)
    {
        foreach (long supply in _supply)
        {
            hasher.Add(supply);
        }

        foreach ((int account, int asset, long available, long held) in NonZero())
        {
            hasher.Add(account);
            hasher.Add(asset);
            hasher.Add(available);
            hasher.Add(held);
        }
    }

    /// <summary>
    /// Supplies, then the non-zero balances in (account, asset) order. Compiled fully optimised at its first call: it
    /// runs once per snapshot, inside the sequencer's pause, and would otherwise run unoptimised code there.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void WriteTo(SnapshotWriter w)
    {
        foreach (long supply in _supply)
        {
            w.Int64(supply);
        }

        int count = 0;
        foreach (var _ in NonZero())
        {
            count++;
        }

        w.Int32(count);
        foreach ((int account, int asset, long available, long held) in NonZero())
        {
            w.Int32(account);
            w.Int32(asset);
            w.Int64(available);
            w.Int64(held);
        }
    }

    /// <summary>Reads what <see cref="WriteTo"/> wrote into this empty ledger.</summary>
    public SnapshotError ReadFrom(ref SnapshotReader r, int maxAccounts)
    {
        for (int asset = 0; asset < _supply.Length; asset++)
        {
            _supply[asset] = r.Int64();
        }

        int count = r.Int32();
        if (r.Truncated || count > r.Remaining / 24)
        {
            return SnapshotError.Truncated;
        }

        if (count < 0)
        {
            return SnapshotError.InvalidField;
        }

        for (int i = 0; i < count; i++)
        {
            int account = r.Int32();
            int asset = r.Int32();
            long available = r.Int64();
            long held = r.Int64();
            if ((uint)account >= (uint)maxAccounts || (uint)asset >= (uint)_supply.Length || available < 0 || held < 0
                || (available | held) == 0)
            {
                return SnapshotError.InvalidField;
            }

            EnsureAccount(account);
            _columns[asset] ??= new Balance[_accountCapacity];
            _columns[asset]![account] = new Balance { Available = available, Held = held };
        }

        return SnapshotError.None;
    }

    /// <summary>No negative balance; per asset, balances add up to the supply.</summary>
    public void CheckConsistency()
    {
        for (int asset = 0; asset < _columns.Length; asset++)
        {
            Int128 sum = 0;
            Balance[] column = _columns[asset] ?? [];
            for (int account = 0; account < column.Length; account++)
            {
                Balance b = column[account];
                if (b.Available < 0 || b.Held < 0)
                {
                    throw new EngineConsistencyException($"Negative balance: account {account}, asset {asset}.");
                }

                sum += (Int128)b.Available + b.Held;
            }

            if (sum != _supply[asset])
            {
                throw new EngineConsistencyException($"Asset {asset}: balances do not add up to the supply.");
            }
        }
    }

    /// <summary>Available and held side by side: one cache line serves a hold, a release or a fill.</summary>
    /// <summary>The non-zero balances in (account, asset) order: what the state hash and the snapshot carry.</summary>
    private NonZeroBalances NonZero() => new(this);

    private struct NonZeroBalances(Ledger ledger)
    {
        private int _account;
        private int _asset = -1;

        public readonly (int Account, int Asset, long Available, long Held) Current
        {
            get
            {
                Balance b = ledger._columns[_asset]![_account];
                return (_account, _asset, b.Available, b.Held);
            }
        }

        public readonly NonZeroBalances GetEnumerator() => this;

        public bool MoveNext()
        {
            for (; _account < ledger._accountCapacity; _account++, _asset = -1)
            {
                while (++_asset < ledger._columns.Length)
                {
                    if (ledger._columns[_asset] is { } column && (column[_account].Available != 0 || column[_account].Held != 0))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }

    private struct Balance
    {
        public long Available;
        public long Held;
    }
}
