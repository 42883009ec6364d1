using DarkPool.Chain;
using DarkPool.Chain.Batches;
using DarkPool.Chain.Entries;

namespace DarkPool.Enclave.Settlement;

/// <summary>
/// The settlement part of the enclave state, changed only by journal records on the sequencer thread (so replay
/// rebuilds it): the asset-token map, account keys, the deposit cursor, what happened to each account since the last
/// batch, and the batches cut but not yet confirmed on chain. The signer and the host read a published copy of the
/// few values they need under <see cref="_published"/>; cut batches are immutable.
/// </summary>
/// <remarks>
/// Design: the sequencer thread is the only writer of every field. Readers on other threads (the signer, the host
/// relay) go through the <c>Published*</c> members, which take the lock; the sequencer takes the same lock only
/// when it changes a published value (a cut, a signature, a confirmation, a credited deposit), never per fill.
/// </remarks>
internal sealed partial class SettlementLedger
{
    private readonly Lock _published = new();
    private readonly Dictionary<int, EthAddress> _tokens = [];
    private readonly Dictionary<EthAddress, int> _assets = [];
    private readonly Dictionary<EthAddress, byte[]> _keys = [];
    /// <summary>
    /// Each account's items since its last batch. An account's list is kept, empty, after a cut and filled again (up to
    /// <see cref="KeptPendingCapacity"/> items of room): a fresh list per account per batch lived for the batch's
    /// interval, long enough for every young collection to copy it and its growth (docs/PERFORMANCE.md). An empty
    /// list is not pending: the snapshot and the cut see only accounts with items; a list still empty at the next cut
    /// (an account idle for a whole interval) is dropped there.
    /// </summary>
    private readonly Dictionary<EthAddress, List<EntryItem>> _pending = [];
    private readonly Dictionary<EthAddress, string> _addressText = [];
    private readonly List<Withdrawal> _withdrawals = [];
    private readonly SortedDictionary<ulong, CutBatch> _batches = [];
    private readonly SortedDictionary<ulong, BatchSignature> _signatures = [];
    private ulong _confirmations = 1;
    /// <summary>The most room an account's emptied list keeps after a cut (48 bytes an item); a larger one is dropped.</summary>
    private const int KeptPendingCapacity = 1024;

    private int _maxFills = 1000;
    private long _intervalMs = 2000;
    private DepositCursor _credited;
    private ulong _cursorAtLastCut;
    private int _pendingFills;
    private int _pendingItems;
    private long _lastCut;
    private ulong _nextSequence = 1;
    private ulong _lastSigned;
    private ulong _confirmed;

    /// <summary>The newest deposit index credited (host relay: the next one to send is this plus one).</summary>
    public ulong CreditedDepositIndex
    {
        get
        {
            lock (_published)
            {
                return _credited.Index;
            }
        }
    }

    /// <summary>Batches cut and not yet confirmed, in order, with their signatures where signed. Any thread.</summary>
    public IReadOnlyList<(CutBatch Batch, BatchSignature? Signature)> Unconfirmed()
    {
        lock (_published)
        {
            return [.. _batches.Values.Select(b => (b, _signatures.TryGetValue(b.Sequence, out BatchSignature s) ? s : (BatchSignature?)null))];
        }
    }

    /// <summary>The signature of batch <paramref name="sequence"/> if it is still known (signed, or the newest confirmed). Any thread.</summary>
    public BatchSignature? SignatureOf(ulong sequence)
    {
        lock (_published)
        {
            return _signatures.TryGetValue(sequence, out BatchSignature s) ? s : null;
        }
    }

    /// <summary>The newest signed and the newest confirmed sequence. Any thread.</summary>
    public (ulong LastSigned, ulong Confirmed) Progress
    {
        get
        {
            lock (_published)
            {
                return (_lastSigned, _confirmed);
            }
        }
    }

    /// <summary>Whether a cut record at <paramref name="now"/> would cut a batch (the host relay asks before sending one). Any thread.</summary>
    public bool IsCutDue(long now)
    {
        lock (_published)
        {
            bool pending = Volatile.Read(ref _pendingItems) > 0 || _credited.Index != _cursorAtLastCut;
            return pending && (Volatile.Read(ref _pendingFills) >= _maxFills || now - _lastCut >= _intervalMs);
        }
    }

    /// <summary>The token of an asset, if mapped.</summary>
    public bool TryGetToken(int asset, out EthAddress token) => _tokens.TryGetValue(asset, out token);

    /// <summary>True once a chain mapped any asset: from then on only mapped assets can be paid out.</summary>
    public bool HasTokens => _tokens.Count > 0;

    public void Configure(ulong confirmations, int maxFills, long intervalMs)
    {
        if (confirmations < 1 || maxFills < 1 || intervalMs < 0)
        {
            return;
        }

        lock (_published)
        {
            (_confirmations, _maxFills, _intervalMs) = (confirmations, maxFills, intervalMs);
        }
    }

    /// <summary>Maps an asset to a token; a conflicting mapping is ignored (the first one stands).</summary>
    public void MapAsset(int asset, EthAddress token)
    {
        if (asset <= 0 || token.IsZero || _tokens.ContainsKey(asset) || _assets.ContainsKey(token))
        {
            return;
        }

        _tokens.Add(asset, token);
        _assets.Add(token, asset);
    }

    /// <summary>Records an account's public key (the caller checked it hashes to <paramref name="account"/>).</summary>
    public void SetKey(EthAddress account, byte[] publicKey)
    {
        if (_keys.TryAdd(account, publicKey))
        {
            _ = TextOf(account); // the snapshot's sort key, computed here rather than inside the snapshot's pause
        }
    }

    /// <summary>
    /// Checks a relayed deposit: the next index, enough confirmations, and the running hash recomputed here. Returns the
    /// asset to credit (0: none, the token carries no pool asset or the amount is beyond the pool's range) or -1 when
    /// the deposit is refused (nothing changes).
    /// </summary>
    public int TryAdvanceDeposit(DepositRecord deposit, out long amount)
    {
        amount = 0;
        if (deposit.Index != _credited.Index + 1 || deposit.Confirmations < _confirmations
            || DepositRunningHash.Next(_credited.RunningHash, deposit.Index, deposit.Token, deposit.Account, deposit.Amount) != deposit.RunningHash)
        {
            return -1;
        }

        lock (_published)
        {
            _credited = new DepositCursor(deposit.Index, deposit.RunningHash);
        }

        if (!_assets.TryGetValue(deposit.Token, out int asset) || deposit.Amount > long.MaxValue || deposit.Amount.Sign <= 0)
        {
            return 0;
        }

        amount = (long)deposit.Amount;
        Add(deposit.Account, EntryItem.Deposit(deposit.Index, asset, amount));
        return asset;
    }

    public void OnFill(EthAddress account, in EntryItem fill)
    {
        Add(account, fill);
        Volatile.Write(ref _pendingFills, _pendingFills + 1);
    }

    /// <summary>A withdrawal the engine debited: in the account's entry, and paid by the next batch when the asset has a token.</summary>
    public void OnWithdrawn(EthAddress account, int asset, long amount)
    {
        Add(account, EntryItem.Withdrawal(asset, amount));
        if (_tokens.TryGetValue(asset, out EthAddress token))
        {
            _withdrawals.Add(new Withdrawal(token, account, amount));
        }
    }

    /// <summary>
    /// The cut record: when the policy says a batch is due at <paramref name="time"/>, closes everything pending into the
    /// next batch. <paramref name="balances"/> gives an account's (available, held) of an asset at the cut. Accounts whose
    /// public key is not known yet keep their items for a later batch (their withdrawals are paid now: those are public).
    /// </summary>
    public bool TryCut(long time, Func<EthAddress, int, (long Available, long Held)> balances)
    {
        if (!HasPendingLocked() || (_pendingFills < _maxFills && time - _lastCut < _intervalMs))
        {
            return false;
        }

        // Lists left empty by the cut before, with nothing since: the account was idle for a whole interval; dropped, so
        // that only accounts active lately keep one.
        foreach (EthAddress idle in _pending.Where(p => p.Value.Count == 0).Select(p => p.Key).ToList())
        {
            _ = _pending.Remove(idle);
        }

        var entries = new List<CutEntry>();
        foreach ((EthAddress account, List<EntryItem> items) in _pending.Where(p => p.Value.Count > 0).OrderBy(p => p.Key.ToArray(), ByteOrder.Instance).ToList())
        {
            if (!_keys.TryGetValue(account, out byte[]? key))
            {
                continue;
            }

            // Every chain asset's balance, touched or not: the entry does not say which assets moved.
            foreach (int asset in _tokens.Keys.Order())
            {
                (long available, long held) = balances(account, asset);
                items.Add(EntryItem.Balance(asset, available, held));
            }

            entries.Add(new CutEntry(account, key, new SettlementEntry(account, _nextSequence, items).Encode()));
            if (items.Capacity > KeptPendingCapacity)
            {
                _ = _pending.Remove(account);
            }
            else
            {
                items.Clear();
            }
        }

        var batch = new CutBatch(_nextSequence, _credited, [.. _withdrawals], entries, _pendingFills);
        lock (_published)
        {
            _batches.Add(batch.Sequence, batch);
            _nextSequence++;
            _withdrawals.Clear();
            Volatile.Write(ref _pendingFills, 0);
            Volatile.Write(ref _pendingItems, _pending.Values.Sum(i => i.Count));
            _lastCut = time;
            _cursorAtLastCut = _credited.Index;
        }

        return true;
    }

    /// <summary>The signer's result, journaled: accepted only for the next batch to sign.</summary>
    public void OnSigned(ulong sequence, BatchSignature signature)
    {
        if (sequence != _lastSigned + 1 || !_batches.ContainsKey(sequence))
        {
            return;
        }

        lock (_published)
        {
            _signatures[sequence] = signature;
            _lastSigned = sequence;
        }
    }

    /// <summary>The host saw batch <paramref name="sequence"/> on chain: every batch up to it is forgotten but the newest signature.</summary>
    public void OnConfirmed(ulong sequence)
    {
        if (sequence <= _confirmed || sequence > _lastSigned)
        {
            return;
        }

        lock (_published)
        {
            _confirmed = sequence;
            foreach (ulong old in _batches.Keys.Where(k => k <= sequence).ToList())
            {
                _batches.Remove(old);
            }

            foreach (ulong old in _signatures.Keys.Where(k => k < sequence).ToList())
            {
                _signatures.Remove(old);
            }
        }
    }

    private bool HasPendingLocked() => _pendingItems > 0 || _withdrawals.Count > 0 || _credited.Index != _cursorAtLastCut;

    private void Add(EthAddress account, in EntryItem item)
    {
        if (!_pending.TryGetValue(account, out List<EntryItem>? items))
        {
            items = [];
            _pending.Add(account, items);
            _ = TextOf(account); // the snapshot's sort key (a Keccak the first time), not inside the snapshot's pause
        }

        items.Add(item);
        Volatile.Write(ref _pendingItems, _pendingItems + 1);
    }

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
