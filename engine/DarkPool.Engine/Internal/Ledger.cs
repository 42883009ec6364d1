namespace DarkPool.Engine.Internal;

/// <summary>
/// The dark wallet: per account and asset, an available and a held balance, in dense rows of
/// <c>assets</c> entries of both so that a lookup is one multiply and one load. Rows grow by doubling when an
/// account id beyond the current capacity is first credited (start-up, not steady state).
/// Invariant: per asset, the sum of available + held equals the asset's supply, which only deposits and
/// withdrawals change.
/// </summary>
internal sealed class Ledger
{
    private readonly int _assets;
    private readonly long[] _supply;
    private Balance[] _balances;
    private int _accountCapacity;

    public Ledger(int assets, int expectedAccounts)
    {
        _assets = assets;
        _supply = new long[assets];
        _accountCapacity = Math.Max(expectedAccounts, 1);
        _balances = new Balance[_accountCapacity * (long)assets];
    }

    /// <summary>Accounts that have a row (all others have zero balances).</summary>
    public int AccountCapacity => _accountCapacity;

    public long Supply(int asset) => _supply[asset];

    public long Available(int account, int asset) =>
        account < _accountCapacity ? _balances[(account * _assets) + asset].Available : 0;

    public long Held(int account, int asset) =>
        account < _accountCapacity ? _balances[(account * _assets) + asset].Held : 0;

    /// <summary>Credits a deposit; false if the asset's supply would overflow.</summary>
    public bool TryDeposit(int account, int asset, long amount)
    {
        if (_supply[asset] > long.MaxValue - amount)
        {
            return false;
        }

        EnsureAccount(account);
        _supply[asset] += amount;
        _balances[(account * _assets) + asset].Available += amount;
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
        _balances[(account * _assets) + asset].Available -= amount;
        return true;
    }

    /// <summary>Moves available to held. The caller has checked that the funds are there.</summary>
    public void Hold(int account, int asset, long amount)
    {
        ref Balance b = ref _balances[(account * _assets) + asset];
        b.Available -= amount;
        b.Held += amount;
    }

    /// <summary>Moves held back to available (cancel, reduce, leftover after a fill).</summary>
    public void Release(int account, int asset, long amount)
    {
        ref Balance b = ref _balances[(account * _assets) + asset];
        b.Held -= amount;
        b.Available += amount;
    }

    /// <summary>Takes held funds out of the account: they leave through a trade.</summary>
    public void Spend(int account, int asset, long amount) => _balances[(account * _assets) + asset].Held -= amount;

    /// <summary>Credits funds received through a trade or a fee. Cannot overflow: no balance exceeds the supply.</summary>
    public void Credit(int account, int asset, long amount) => _balances[(account * _assets) + asset].Available += amount;

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

        Array.Resize(ref _balances, capacity * _assets);
        _accountCapacity = capacity;
    }

    /// <summary>Adds every non-zero balance, in account then asset order, and every supply.</summary>
    public void AddToHash(ref StateHasher hasher)
    {
        for (int asset = 0; asset < _assets; asset++)
        {
            hasher.Add(_supply[asset]);
        }

        for (int i = 0; i < _balances.Length; i++)
        {
            Balance b = _balances[i];
            if (b.Available != 0 || b.Held != 0)
            {
                hasher.Add(i / _assets);
                hasher.Add(i % _assets);
                hasher.Add(b.Available);
                hasher.Add(b.Held);
            }
        }
    }

    /// <summary>No negative balance; per asset, balances add up to the supply.</summary>
    public void CheckConsistency()
    {
        var sums = new Int128[_assets];
        for (int i = 0; i < _balances.Length; i++)
        {
            Balance b = _balances[i];
            if (b.Available < 0 || b.Held < 0)
            {
                throw new EngineConsistencyException(
                    $"Negative balance: account {i / _assets}, asset {i % _assets}.");
            }

            sums[i % _assets] += (Int128)b.Available + b.Held;
        }

        for (int asset = 0; asset < _assets; asset++)
        {
            if (sums[asset] != _supply[asset])
            {
                throw new EngineConsistencyException($"Asset {asset}: balances do not add up to the supply.");
            }
        }
    }

    /// <summary>Available and held side by side: one cache line serves a hold, a release or a fill.</summary>
    private struct Balance
    {
        public long Available;
        public long Held;
    }
}
