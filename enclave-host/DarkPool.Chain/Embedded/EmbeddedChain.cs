using System.Numerics;
using System.Security.Cryptography;
using DarkPool.Chain.Batches;
using DarkPool.Chain.Embedded.Internal;

namespace DarkPool.Chain.Embedded;

/// <summary>
/// The default chain: the settlement contract's rules and the token accounting, in process, persisted
/// to a data folder, so the whole system runs with nothing else installed. Every transaction is one
/// block; a rejected one changes nothing. State is written crash-safe before a call returns.
/// </summary>
public sealed partial class EmbeddedChain : IChainBackend
{
    /// <summary>Chain id of a new embedded chain unless told otherwise ("DPCH").</summary>
    public const ulong DefaultChainId = 0x44504348;

    private readonly Lock _gate = new();
    private readonly ChainStore _store;
    private ChainState _state;
    private bool _disposed;

    private EmbeddedChain(ChainStore store, ChainState state)
    {
        _store = store;
        _state = state;
        Domain = new SettlementDomain(state.ChainId, state.Contract);
        Governance = state.Governance;
    }

    /// <inheritdoc/>
    public SettlementDomain Domain { get; }

    /// <inheritdoc/>
    public EthAddress Governance { get; }

    /// <summary>The data folder.</summary>
    public string Folder => _store.Folder;

    /// <summary>
    /// Opens the chain in <paramref name="folder"/>, or creates one there with <paramref name="governance"/>
    /// and <paramref name="chainId"/> (its contract address is random, so two chains never share a domain).
    /// </summary>
    public static EmbeddedChain OpenOrCreate(string folder, EthAddress governance, ulong chainId = DefaultChainId)
    {
        if (governance.IsZero)
        {
            throw new ArgumentException("Governance cannot be the zero address.", nameof(governance));
        }

        var store = new ChainStore(folder);
        store.Prepare();
        if (store.Exists)
        {
            EmbeddedChain existing = Load(store);
            if (existing.Governance != governance || existing.Domain.ChainId != chainId)
            {
                throw new InvalidOperationException(
                    $"The chain in {store.Folder} has another governance address or chain id than the one asked for.");
            }

            return existing;
        }

        store.ThrowIfOrphaned();

        var state = new ChainState
        {
            ChainId = chainId,
            Contract = EthAddress.FromBytes(RandomNumberGenerator.GetBytes(EthAddress.Size)),
            Governance = governance,
        };
        store.Commit(state);
        return new EmbeddedChain(store, state);
    }

    /// <summary>Opens an existing chain; throws <see cref="ChainDataCorruptException"/> if a file is damaged or missing.</summary>
    public static EmbeddedChain Open(string folder)
    {
        var store = new ChainStore(folder);
        if (!store.Exists)
        {
            throw new DirectoryNotFoundException($"No embedded chain in {store.Folder}.");
        }

        store.Prepare();
        return Load(store);
    }

    private static EmbeddedChain Load(ChainStore store) => new(store, store.Load());

    /// <inheritdoc/>
    public ValueTask<ulong> GetBlockNumberAsync(CancellationToken cancellationToken = default) =>
        Read(state => state.BlockNumber);

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<DepositRecord>> GetDepositsAsync(ulong fromIndex, CancellationToken cancellationToken = default) =>
        Read<IReadOnlyList<DepositRecord>>(state =>
        {
            var deposits = new List<DepositRecord>();
            for (ulong index = Math.Max(fromIndex, 1); index <= (ulong)state.Deposits.Count; index++)
            {
                deposits.Add(ToRecord(state, index));
            }

            return deposits;
        });

    /// <inheritdoc/>
    public ValueTask<Hash32> GetDepositHashAsync(ulong index, CancellationToken cancellationToken = default) =>
        Read(state => index <= (ulong)state.Deposits.Count
            ? state.DepositHashAt(index)
            : throw new ChainRejectedException(ChainError.DepositCursorAhead, $"Deposit {index} does not exist yet."));

    /// <inheritdoc/>
    public ValueTask<EthAddress> GetEnclaveKeyAsync(CancellationToken cancellationToken = default) =>
        Read(state => state.EnclaveKey);

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<KeyRegistration>> GetKeyRegistrationsAsync(CancellationToken cancellationToken = default) =>
        Read<IReadOnlyList<KeyRegistration>>(state => [.. state.Keys.Select(k => new KeyRegistration(k.Key, k.FromSequence, k.Block))]);

    /// <inheritdoc/>
    public ValueTask<SettlementHead> GetSettlementHeadAsync(CancellationToken cancellationToken = default) =>
        Read(state => new SettlementHead(
            state.NextSequence, state.LastBatchHash, state.JournalHead, state.SettledDepositIndex, (ulong)state.Deposits.Count));

    /// <inheritdoc/>
    public ValueTask<Hash32> GetAnchoredJournalHeadAsync(CancellationToken cancellationToken = default) =>
        Read(state => state.JournalHead);

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<SettledBatch>> GetSettledBatchesAsync(ulong fromSequence, CancellationToken cancellationToken = default) =>
        Read<IReadOnlyList<SettledBatch>>(state =>
        {
            var batches = new List<SettledBatch>();
            foreach (BatchEntry entry in state.Batches.Where(b => b.Sequence >= fromSequence))
            {
                SignedBatch signed = _store.ReadBatch(entry);
                ReadOnlyMemory<byte> ciphertext = signed.Decode().Ciphertext;
                batches.Add(new SettledBatch(entry.Sequence, entry.Hash, entry.JournalHead, ciphertext, entry.Block, signed));
            }

            return batches;
        });

    /// <inheritdoc/>
    public ValueTask<BigInteger> GetTokenBalanceAsync(EthAddress token, EthAddress holder, CancellationToken cancellationToken = default) =>
        Read(state => state.FindToken(token)?.BalanceOf(holder)
            ?? throw new ChainRejectedException(ChainError.TokenCallFailed, $"No token at {token}."));

    /// <inheritdoc/>
    public ValueTask<BigInteger> GetCustodyAsync(EthAddress token, CancellationToken cancellationToken = default) =>
        Read(state => state.FindToken(token)?.Custody ?? BigInteger.Zero);

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        return ValueTask.CompletedTask;
    }

    private static DepositRecord ToRecord(ChainState state, ulong index)
    {
        DepositEntry entry = state.Deposits[(int)(index - 1)];
        return new DepositRecord(
            index, entry.Token, entry.Account, entry.Amount, entry.RunningHash, entry.Block, state.BlockNumber - entry.Block + 1);
    }

    private ValueTask<T> Read<T>(Func<ChainState, T> read)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return ValueTask.FromResult(read(_state));
        }
    }

    /// <summary>
    /// Runs one transaction as a new block on the state in memory and persists it; if <paramref name="apply"/> throws
    /// (a rejection) or the write fails, the state is read back from the bytes last written, so the chain is unchanged.
    /// The caller holds <see cref="_gate"/>.
    /// </summary>
    /// <remarks>
    /// The state used to be parsed from those bytes at the start of every transaction and the copy adopted: at a batch
    /// every two seconds that was the whole state (every deposit, every balance) made again per block, living until the
    /// next one, so that young collections copied it (docs/PERFORMANCE.md). Rejections are rare; they pay the parse.
    /// </remarks>
    private T CommitLocked<T>(Func<ChainState, T> apply)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            _state.BlockNumber++;
            T result = apply(_state);
            _store.Commit(_state);
            return result;
        }
        catch
        {
            try
            {
                _state = _store.CopyCommitted();
            }
#pragma warning disable CA1031 // whatever the re-read threw, the original failure is the one to report
            catch (Exception)
#pragma warning restore CA1031
            {
                _disposed = true; // the state in memory may be half changed: refuse every call rather than write it later
            }

            throw;
        }
    }

    private static ChainRejectedException Reject(ChainError error, string detail) => new(error, detail);
}
