using System.Buffers;
using BenchmarkDotNet.Attributes;
using DarkPool.Engine;
using DarkPool.Testing;

namespace DarkPool.Benchmarks.Engine;

/// <summary>
/// The engine's part of a snapshot, which the enclave's sequencer writes while intake waits: the exchange-core-shaped
/// book plus <see cref="RestingOrders"/> more resting orders spread over 1,000 accounts (about the engine part of the
/// whole server's snapshot under the load generator, 2.9 MB), serialised into one kept buffer as the snapshot
/// coordinator does.
/// </summary>
public class SnapshotBenchmarks
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4 * 1024 * 1024);
    private MatchingEngine _engine = null!;

    [Params(36_000)]
    public int RestingOrders { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        var sink = new CountingSink();
        _engine = BookFixture.Create(BookKind.Fast, sink, expectedOrders: RestingOrders + BookFixture.BaseOrders);
        for (int i = 0; i < RestingOrders; i++)
        {
            // Far from the mid on both sides, so that nothing trades: 2,000 levels a side.
            Side side = (i & 1) == 0 ? Side.Buy : Side.Sell;
            long distance = 400 + ((i / 2) % 2_000);
            long price = side == Side.Buy ? BookFixture.Mid - distance : BookFixture.Mid + distance;
            _engine.Execute(Command.Limit(BookFixture.AccountOf(i * 7), BookFixture.Market, BookFixture.FirstFreeId + i, side, price, 1 + (i % 9)));
        }

        BookFixture.ThrowIfRejected(sink);
        _engine.WriteSnapshot(_buffer);
    }

    [Benchmark]
    public int WriteSnapshot()
    {
        _buffer.Clear();
        _engine.WriteSnapshot(_buffer);
        return _buffer.WrittenCount;
    }
}
