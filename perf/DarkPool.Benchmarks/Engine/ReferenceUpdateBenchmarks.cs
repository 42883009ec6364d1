using BenchmarkDotNet.Attributes;
using DarkPool.Engine;
using DarkPool.Testing;

namespace DarkPool.Benchmarks.Engine;

/// <summary>
/// A reference-price update with 10,000 resting pegged orders: 5,000 uncapped buys (each is re-held at
/// the new mid), 2,500 capped buys and 2,500 sells with a floor above any mid used, so that nothing
/// trades and the book keeps its shape. The reference alternates between two mids.
/// </summary>
public class ReferenceUpdateBenchmarks
{
    private const int Pegs = 10_000;
    private readonly CountingSink _sink = new();
    private MatchingEngine _engine = null!;
    private Command _low;
    private Command _high;
    private bool _up;
    private long _time;

    [Params(BookKind.Fast, BookKind.Reference)]
    public BookKind Book { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        _engine = BookFixture.Create(Book, _sink);
        const long mid = BookFixture.Mid;
        _engine.Execute(Command.ReferencePrice(BookFixture.Market, mid - 10, mid + 10));
        for (int i = 0; i < Pegs; i++)
        {
            int account = BookFixture.AccountOf(i);
            long id = BookFixture.FirstFreeId + i;
            Command peg = (i % 4) switch
            {
                0 or 1 => Command.Midpoint(account, BookFixture.Market, id, Side.Buy, 10),
                2 => Command.Midpoint(account, BookFixture.Market, id, Side.Buy, 10, limit: mid + 50),
                _ => Command.Midpoint(account, BookFixture.Market, id, Side.Sell, 10, limit: mid + 1_000),
            };
            _engine.Execute(peg);
        }

        _low = Command.ReferencePrice(BookFixture.Market, mid - 10, mid + 10);
        _high = Command.ReferencePrice(BookFixture.Market, mid - 6, mid + 14);
    }

    [GlobalCleanup]
    public void GlobalCleanup() => BookFixture.ThrowIfRejected(_sink);

    [Benchmark]
    public void ReferenceUpdateWith10000Pegs()
    {
        ref Command c = ref _up ? ref _high : ref _low;
        c.ObservedAt = ++_time;
        c.Timestamp = _time;
        _engine.Execute(c);
        _up = !_up;
    }
}
