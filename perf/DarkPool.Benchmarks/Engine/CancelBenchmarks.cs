using BenchmarkDotNet.Attributes;
using DarkPool.Engine;
using DarkPool.Testing;

namespace DarkPool.Benchmarks.Engine;

/// <summary>
/// Cancel of a resting order. Each iteration starts from a book holding the 1,000 base orders plus
/// <see cref="Invocations"/> more, and cancels those in a scattered order (the book shrinks from 11,000
/// to 1,000 orders while measured).
/// </summary>
[InvocationCount(Invocations)]
public class CancelBenchmarks
{
    private const int Invocations = 10_000;
    private readonly CountingSink _sink = new();
    private Command[] _places = [];
    private Command[] _cancels = [];
    private MatchingEngine _engine = null!;
    private int _next;

    [Params(BookKind.Fast, BookKind.Reference)]
    public BookKind Book { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        _places = new Command[Invocations];
        _cancels = new Command[Invocations];
        for (int i = 0; i < Invocations; i++)
        {
            Side side = (i & 1) == 0 ? Side.Buy : Side.Sell;
            long distance = 1 + ((i * 7919L) % 375);
            long price = side == Side.Buy ? BookFixture.Mid - distance : BookFixture.Mid + distance;
            int account = BookFixture.AccountOf(i * 31);
            _places[i] = Command.Limit(account, BookFixture.Market, BookFixture.FirstFreeId + i, side, price, 10);
        }

        // Cancel in a scattered order (a stride coprime with the count), not in arrival order.
        for (int i = 0; i < Invocations; i++)
        {
            ref readonly Command place = ref _places[(int)((i * 4_051L) % Invocations)];
            _cancels[i] = Command.CancelOrder(place.Account, BookFixture.Market, place.OrderId);
        }
    }

    [IterationSetup]
    public void IterationSetup()
    {
        _engine = BookFixture.Create(Book, _sink);
        foreach (ref readonly Command place in _places.AsSpan())
        {
            _engine.Execute(place);
        }

        _next = 0;
    }

    [GlobalCleanup]
    public void GlobalCleanup() => BookFixture.ThrowIfRejected(_sink);

    [Benchmark]
    public void CancelResting() => _engine.Execute(_cancels[_next++]);
}
