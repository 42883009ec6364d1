using BenchmarkDotNet.Attributes;
using DarkPool.Engine;
using DarkPool.Testing;

namespace DarkPool.Benchmarks.Engine;

/// <summary>
/// One uncross of an auction market holding 100,000 orders (<see cref="AuctionFixture"/>), in a warm
/// process. The book is rebuilt before each uncross (not measured), so every measurement is one complete
/// uncross: clearing price, allocation of some 65,000 fills, write-back. The first uncross in a fresh
/// process is <see cref="AuctionColdStartBenchmarks"/>.
/// </summary>
public class AuctionBenchmarks
{
    private readonly CountingSink _sink = new();
    private MatchingEngine _engine = null!;
    private Command[] _orders = [];

    [Params(BookKind.Fast, BookKind.Reference)]
    public BookKind Book { get; set; }

    [GlobalSetup]
    public void GlobalSetup() => _orders = AuctionFixture.CreateOrders();

    [IterationSetup]
    public void IterationSetup() => _engine = AuctionFixture.Create(Book, _sink, _orders);

    [GlobalCleanup]
    public void GlobalCleanup() => BookFixture.ThrowIfRejected(_sink);

    [Benchmark]
    [InvocationCount(1)]
    public void UncrossWith100000Orders() => _engine.Execute(Command.RunAuction(AuctionFixture.AuctionMarket));
}
