using BenchmarkDotNet.Attributes;
using DarkPool.Engine;
using DarkPool.Testing;

namespace DarkPool.Benchmarks.Engine;

/// <summary>
/// A GTC limit order that rests without trading, somewhere in the 750 levels of an exchange-core sized
/// book. Each iteration starts from a fresh book of 1,000 orders that has already held the
/// <see cref="Invocations"/> orders once (placed and cancelled in the setup, so that every array has
/// reached its high-water mark and the free lists are full), then places them again: the book grows
/// from 1,000 to 11,000 orders while measured, without growing any array.
/// </summary>
[InvocationCount(Invocations)]
public class PlaceBenchmarks
{
    private const int Invocations = 10_000;
    private readonly CountingSink _sink = new();
    private Command[] _commands = [];
    private MatchingEngine _engine = null!;
    private int _next;

    [Params(BookKind.Fast, BookKind.Reference)]
    public BookKind Book { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        _commands = new Command[Invocations];
        for (int i = 0; i < Invocations; i++)
        {
            Side side = (i & 1) == 0 ? Side.Buy : Side.Sell;
            long distance = 1 + ((i * 7919L) % 375);
            long price = side == Side.Buy ? BookFixture.Mid - distance : BookFixture.Mid + distance;
            _commands[i] = Command.Limit(BookFixture.AccountOf(i * 31), BookFixture.Market, BookFixture.FirstFreeId + i, side, price, 10);
        }
    }

    [IterationSetup]
    public void IterationSetup()
    {
        _engine = BookFixture.Create(Book, _sink);
        foreach (ref readonly Command place in _commands.AsSpan())
        {
            _engine.Execute(place);
        }

        foreach (ref readonly Command place in _commands.AsSpan())
        {
            _engine.Execute(Command.CancelOrder(place.Account, BookFixture.Market, place.OrderId));
        }

        _next = 0;
    }

    [GlobalCleanup]
    public void GlobalCleanup() => BookFixture.ThrowIfRejected(_sink);

    [Benchmark]
    public void PlaceGtcResting() => _engine.Execute(_commands[_next++]);
}
