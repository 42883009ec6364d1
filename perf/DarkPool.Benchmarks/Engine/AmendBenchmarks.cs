using BenchmarkDotNet.Attributes;
using DarkPool.Engine;
using DarkPool.Testing;

namespace DarkPool.Benchmarks.Engine;

/// <summary>
/// Amends against the base book, in steady state (the book keeps its size and shape): a quantity
/// reduction that keeps priority, and a price move that does not cross (leaves one level, joins the back
/// of another), cycling over all 1,000 orders.
/// </summary>
public class AmendBenchmarks
{
    private const long LargeQuantity = 1_000_000_000;
    private readonly CountingSink _sink = new();
    private Command[] _reduce = [];
    private Command[] _moveAway = [];
    private Command[] _moveBack = [];
    private MatchingEngine _engine = null!;
    private int _next;
    private bool _away;

    [Params(BookKind.Fast, BookKind.Reference)]
    public BookKind Book { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        _engine = BookFixture.Create(Book, _sink, LargeQuantity);
        int n = BookFixture.BaseOrders;
        _reduce = new Command[n];
        _moveAway = new Command[n];
        _moveBack = new Command[n];
        for (int i = 0; i < n; i++)
        {
            Command order = BookFixture.BaseOrder(i, LargeQuantity);
            long shift = 1 + ((i * 13) % 200);
            long away = order.Side == Side.Buy ? order.Price - shift : order.Price + shift;
            _reduce[i] = Command.AmendOrder(order.Account, BookFixture.Market, order.OrderId, null, LargeQuantity);
            _moveAway[i] = Command.AmendOrder(order.Account, BookFixture.Market, order.OrderId, away, null);
            _moveBack[i] = Command.AmendOrder(order.Account, BookFixture.Market, order.OrderId, order.Price, null);
        }
    }

    [GlobalCleanup]
    public void GlobalCleanup() => BookFixture.ThrowIfRejected(_sink);

    [Benchmark]
    public void AmendReduceInPlace()
    {
        ref Command c = ref _reduce[_next];
        c.Quantity--;
        _engine.Execute(c);
        _next = _next + 1 == _reduce.Length ? 0 : _next + 1;
    }

    [Benchmark]
    public void AmendMovePrice()
    {
        _engine.Execute(_away ? _moveBack[_next] : _moveAway[_next]);
        if (++_next == _moveAway.Length)
        {
            _next = 0;
            _away = !_away;
        }
    }
}
