using BenchmarkDotNet.Attributes;
using DarkPool.Engine;
using DarkPool.Testing;

namespace DarkPool.Benchmarks.Engine;

/// <summary>
/// One uncross of an auction market holding 100,000 orders: 50,000 buys and 50,000 sells spread over
/// 400 prices around the mid with a reference (so 1,000 of them are pegged), about half of the volume
/// crossing. The book is rebuilt before each uncross (not measured), so every measurement is one
/// complete uncross: clearing price, allocation of some 50,000 fills, write-back.
/// </summary>
public class AuctionBenchmarks
{
    private const int Orders = 100_000;
    private const int AuctionMarket = 1;
    private readonly CountingSink _sink = new();
    private MatchingEngine _engine = null!;
    private Command[] _orders = [];

    [Params(BookKind.Fast, BookKind.Reference)]
    public BookKind Book { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        _orders = new Command[Orders];
        for (int i = 0; i < Orders; i++)
        {
            Side side = (i & 1) == 0 ? Side.Buy : Side.Sell;
            long offset = (i * 7919L) % 400;

            // Buys from 99,900 to 100,299 and sells from 99,700 to 100,099: the middle crosses.
            long price = side == Side.Buy ? BookFixture.Mid - 100 + offset : BookFixture.Mid - 300 + offset;
            int account = BookFixture.AccountOf(i);
            long id = BookFixture.FirstFreeId + i;
            _orders[i] = i % 100 == 0
                ? Command.Midpoint(account, AuctionMarket, id, side, 1 + (i % 7))
                : Command.Limit(account, AuctionMarket, id, side, price, 1 + (i % 7));
        }
    }

    [IterationSetup]
    public void IterationSetup()
    {
        _engine = BookFixture.Create(Book, _sink);
        _engine.Execute(Command.NewMarket(AuctionMarket, baseAsset: 0, quoteAsset: 1, tickSize: 1, lotSize: 1,
            makerFeeBps: 1, takerFeeBps: 2, mode: MarketMode.Auction));
        _engine.Execute(Command.ReferencePrice(AuctionMarket, BookFixture.Mid - 10, BookFixture.Mid + 10));
        foreach (Command order in _orders)
        {
            _engine.Execute(order);
        }
    }

    [GlobalCleanup]
    public void GlobalCleanup() => BookFixture.ThrowIfRejected(_sink);

    [Benchmark]
    [InvocationCount(1)]
    public void UncrossWith100000Orders() => _engine.Execute(Command.RunAuction(AuctionMarket));
}
