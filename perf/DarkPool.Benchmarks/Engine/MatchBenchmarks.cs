using BenchmarkDotNet.Attributes;
using DarkPool.Engine;
using DarkPool.Testing;

namespace DarkPool.Benchmarks.Engine;

/// <summary>
/// An IOC buy that sweeps the <see cref="Levels"/> best ask levels (one order each: one trade per level,
/// fees, settlement of both sides), after which the same makers re-place the same asks so that the book
/// is back where it started: steady state, no iteration setup. One operation is therefore one sweep plus
/// <see cref="Levels"/> resting places; subtract <see cref="PlaceBenchmarks"/> for the sweep alone.
/// </summary>
public class MatchBenchmarks
{
    private const long Quantity = 10;
    private const int Takers = 100;
    private const int FirstTaker = 900;
    private readonly CountingSink _sink = new();
    private Command[] _takers = [];
    private Command[] _refills = [];
    private MatchingEngine _engine = null!;
    private int _next;

    [Params(BookKind.Fast, BookKind.Reference)]
    public BookKind Book { get; set; }

    [Params(1, 5)]
    public int Levels { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        _engine = BookFixture.Create(Book, _sink);

        // Clear the base asks that sit where the swept asks go (distance 1 to Levels from the mid).
        for (int i = 1; i < BookFixture.BaseOrders; i += 2)
        {
            Command ask = BookFixture.BaseOrder(i, Quantity);
            if (ask.Price <= BookFixture.Mid + Levels)
            {
                _engine.Execute(Command.CancelOrder(ask.Account, BookFixture.Market, ask.OrderId));
            }
        }

        // A filled order's id is free again, so the refills are the same commands every time.
        _refills = new Command[Levels];
        for (int level = 0; level < Levels; level++)
        {
            _refills[level] = Command.Limit(2 + level, BookFixture.Market, BookFixture.FirstFreeId + level, Side.Sell,
                BookFixture.Mid + 1 + level, Quantity);
            _engine.Execute(_refills[level]);
        }

        // Takers rotate over accounts that own no ask, so that no self-trade prevention interferes.
        _takers = new Command[Takers];
        for (int t = 0; t < Takers; t++)
        {
            _takers[t] = Command.Limit(FirstTaker + t, BookFixture.Market, 2 * BookFixture.FirstFreeId, Side.Buy,
                BookFixture.Mid + Levels, Quantity * Levels, TimeInForce.Ioc);
        }

        long trades = _sink.Trades;
        int orders = _engine.GetOrderCount(BookFixture.Market);
        IocSweepAndRefill();
        if (_sink.Trades - trades != Levels || _engine.GetOrderCount(BookFixture.Market) != orders)
        {
            throw new InvalidOperationException("The sweep did not trade once per level, or the book did not come back.");
        }
    }

    [GlobalCleanup]
    public void GlobalCleanup() => BookFixture.ThrowIfRejected(_sink);

    [Benchmark]
    public void IocSweepAndRefill()
    {
        _engine.Execute(_takers[_next]);
        _next = _next + 1 == _takers.Length ? 0 : _next + 1;
        foreach (ref readonly Command refill in _refills.AsSpan())
        {
            _engine.Execute(refill);
        }
    }
}
