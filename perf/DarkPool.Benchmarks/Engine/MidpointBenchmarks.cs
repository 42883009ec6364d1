using BenchmarkDotNet.Attributes;
using DarkPool.Engine;
using DarkPool.Testing;

namespace DarkPool.Benchmarks.Engine;

/// <summary>
/// Midpoint matching in steady state: 1,000 pegged sells rest at the mid of a reference (each too large
/// to be used up), beside the base limit book; an incoming one-lot pegged buy, or a one-lot limit buy at
/// the mid, takes one lot from the oldest peg at the mid.
/// </summary>
public class MidpointBenchmarks
{
    private const int Pegs = 1_000;
    private readonly CountingSink _sink = new();
    private MatchingEngine _engine = null!;
    private Command _pegBuy;
    private Command _limitBuy;

    [Params(BookKind.Fast, BookKind.Reference)]
    public BookKind Book { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        _engine = BookFixture.Create(Book, _sink);
        _engine.Execute(Command.ReferencePrice(BookFixture.Market, BookFixture.Mid - 10, BookFixture.Mid + 10));
        for (int i = 0; i < Pegs; i++)
        {
            _engine.Execute(Command.Midpoint(BookFixture.AccountOf(i + 500), BookFixture.Market, BookFixture.FirstFreeId + i, Side.Sell, 1_000_000_000));
        }

        _pegBuy = Command.Midpoint(1, BookFixture.Market, BookFixture.FirstFreeId * 2, Side.Buy, 1, tif: TimeInForce.Ioc);
        _limitBuy = Command.Limit(1, BookFixture.Market, BookFixture.FirstFreeId * 2, Side.Buy, BookFixture.Mid, 1, TimeInForce.Ioc);
    }

    [GlobalCleanup]
    public void GlobalCleanup() => BookFixture.ThrowIfRejected(_sink);

    [Benchmark]
    public void PeggedBuyTakesPegAtMid() => _engine.Execute(_pegBuy);

    [Benchmark]
    public void LimitBuyTakesPegAtMid() => _engine.Execute(_limitBuy);
}
