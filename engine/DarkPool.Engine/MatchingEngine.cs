using DarkPool.Engine.Internal;

namespace DarkPool.Engine;

/// <summary>
/// The deterministic state machine: markets, books and the dark-wallet ledger. Commands in, events out,
/// on one thread. No I/O, no clock, no randomness: the same commands give the same events and the same
/// <see cref="ComputeStateHash"/>, in any process.
/// </summary>
/// <remarks>Not thread-safe by design: one writer, fed by the ring buffer.</remarks>
public sealed partial class MatchingEngine : IMatchHandler, IOrderSink
{
    private readonly EngineOptions _options;
    private readonly IEventSink _sink;
    private readonly Ledger _ledger;
    private readonly Market?[] _markets;
    private Market[] _marketsById = [];
    private readonly FokProbe _fokProbe = new();
    private readonly EligiblePegFinder _eligiblePegs = new();

    /// <summary>The time of the command being executed: staleness of reference prices is judged at it.</summary>
    private long _now;

    /// <summary>The latest command time seen; only the consistency check reads it (see CheckConsistency).</summary>
    private long _latest;
    private CommandType _commandType;
    private Market _current = null!;
    private CancelReason _bulkReason;
    private int _bulkCount;
    private long _sequence;
    private BookLevel[] _bidLevels = new BookLevel[64];
    private BookLevel[] _askLevels = new BookLevel[64];

    /// <summary>Creates an empty engine that reports to <paramref name="sink"/>.</summary>
    public MatchingEngine(EngineOptions options, IEventSink sink)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        options.Validate();
        _options = options;
        _sink = sink;
        _ledger = new Ledger(options.MaxAssets, Math.Min(options.ExpectedAccounts, options.MaxAccounts));
        _ledger.EnsureAccount(options.FeeAccount);
        _markets = new Market?[options.MaxMarkets];
    }

    /// <summary>The options this engine was built with.</summary>
    public EngineOptions Options => _options;

    /// <summary>Applies one command; every resulting event reaches the sink before this returns.</summary>
    public void Execute(in Command command)
    {
        _commandType = command.Type;
        _now = command.Timestamp;
        _latest = Math.Max(_latest, command.Timestamp);

        switch (command.Type)
        {
            case CommandType.Place:
                Place(command);
                break;
            case CommandType.Cancel:
                Cancel(command);
                break;
            case CommandType.Amend:
                Amend(command);
                break;
            case CommandType.MassCancel:
                MassCancel(command);
                break;
            case CommandType.Deposit:
                Deposit(command);
                break;
            case CommandType.Withdraw:
                Withdraw(command);
                break;
            case CommandType.CreateMarket:
                CreateMarket(command);
                break;
            case CommandType.QueryBook:
                QueryBook(command);
                break;
            case CommandType.QueryBalance:
                QueryBalance(command);
                break;
            case CommandType.Reference:
                SetReference(command);
                break;
            case CommandType.Auction:
                Uncross(command);
                break;
            default:
                Reject(command, RejectReason.InvalidCommand);
                break;
        }
    }

    /// <summary>Available balance of an account in an asset (zero for unknown ids).</summary>
    public long GetAvailable(int account, int asset) => IsAccount(account) && IsAsset(asset) ? _ledger.Available(account, asset) : 0;

    /// <summary>Held balance of an account in an asset (zero for unknown ids).</summary>
    public long GetHeld(int account, int asset) => IsAccount(account) && IsAsset(asset) ? _ledger.Held(account, asset) : 0;

    /// <summary>Total deposits minus withdrawals of an asset.</summary>
    public long GetSupply(int asset) => IsAsset(asset) ? _ledger.Supply(asset) : 0;

    /// <summary>
    /// Writes an account's live orders, by market then canonical book order, into <paramref name="destination"/>;
    /// returns how many there are (may exceed the span). A query, not a command: it changes nothing and walks
    /// every book, so it is for sessions asking, not for the matching path.
    /// </summary>
    public int GetOpenOrders(int account, Span<OpenOrder> destination)
    {
        var collector = new OpenOrderCollector(account, destination.Length);
        foreach (Market m in _marketsById)
        {
            collector.Market = m.Id;
            m.Book.VisitAll(collector);
        }

        collector.Found.AsSpan(0, Math.Min(collector.Count, destination.Length)).CopyTo(destination);
        return collector.Count;
    }

    /// <summary>Number of live orders in a market (zero for an unknown market).</summary>
    public int GetOrderCount(int market) => TryGetMarket(market, out Market? m) ? m.Book.OrderCount : 0;

    private sealed class OpenOrderCollector(int account, int capacity) : IContraVisitor
    {
        public int Market { get; set; }

        public int Count { get; private set; }

        public OpenOrder[] Found { get; } = new OpenOrder[capacity];

        public bool Visit(in OrderData o)
        {
            if (o.Account == account)
            {
                if (Count < Found.Length)
                {
                    Found[Count] = new OpenOrder(Market, o.OrderId, o.Side, o.IsPegged, o.Price, o.Remaining, o.MinQuantity, o.Hold);
                }

                Count++;
            }

            return true;
        }
    }

    private bool IsAccount(int account) => (uint)account < (uint)_options.MaxAccounts;

    private bool IsAsset(int asset) => (uint)asset < (uint)_options.MaxAssets;

    private bool TryGetMarket(int id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Market? market)
    {
        Market?[] markets = _markets;
        market = (uint)id < (uint)markets.Length ? markets[id] : null;
        return market is not null;
    }

    /// <summary>Remembers the market being worked on; skips the store (and its GC write barrier) when it is unchanged.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void SetCurrent(Market market)
    {
        if (!ReferenceEquals(_current, market))
        {
            _current = market;
        }
    }

    private void Reject(in Command command, RejectReason reason)
    {
        var e = new EngineEvent
        {
            Type = EventType.Rejected,
            Command = _commandType,
            RejectReason = reason,
            Market = command.Market,
            Account = command.Account,
            OrderId = command.OrderId,
            Side = command.Side,
            Asset = command.Asset,
        };
        _sink.OnEvent(e);
    }

    private void EmitOrderEvent(EventType type, in OrderData order, long quantity, CancelReason reason)
    {
        var e = new EngineEvent
        {
            Type = type,
            Command = _commandType,
            Market = _current.Id,
            Account = order.Account,
            OrderId = order.OrderId,
            Side = order.Side,
            Price = order.Price,
            Quantity = quantity,
            Remaining = order.Remaining,
            CancelReason = reason,
        };
        _sink.OnEvent(e);
    }
}
