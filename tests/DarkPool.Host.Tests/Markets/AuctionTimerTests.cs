using System.Diagnostics;
using DarkPool.Enclave.Core;
using DarkPool.Enclave.Pipeline;

namespace DarkPool.Host.Tests.Markets;

/// <summary>
/// The host's auction timer against a recording stand-in for the pipeline. Bounds on periods are generous (a loaded
/// two-core box delays timers); what cannot flake is that no two uncrosses come closer than the interval minus the
/// random end, and that the draw itself stays within its window.
/// </summary>
public sealed class AuctionTimerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public void NextPeriodMs_ManyDraws_StayWithinTheWindowAndReachBothEnds()
    {
        int[] draws = [.. Enumerable.Range(0, 10_000).Select(_ => AuctionTimer.NextPeriodMs(200, 10))];

        Assert.All(draws, d => Assert.InRange(d, 190, 200));
        Assert.Equal(11, draws.Distinct().Count());
        Assert.All(Enumerable.Range(0, 10_000).Select(_ => AuctionTimer.NextPeriodMs(50, 0)), d => Assert.Equal(50, d));
    }

    [Fact]
    public async Task StartAll_MixedMarkets_SubmitsAuctionRecordsForAuctionMarketsOnly_NoCloserThanIntervalMinusRandomEnd()
    {
        var recorder = new Recorder();
        MarketOptions[] markets =
        [
            MarketOptions.Default,
            new MarketOptions(2, 1, 2, 1, 1) { Mode = TradingMode.Auction, AuctionIntervalMs = 200, AuctionRandomEndMs = 100 },
            new MarketOptions(3, 1, 2, 1, 1) { Mode = TradingMode.Auction, AuctionIntervalMs = 150, AuctionRandomEndMs = 50 },
        ];

        AuctionTimer[] timers = AuctionTimer.StartAll(markets, recorder.Submit);
        try
        {
            Assert.Equal(2, timers.Length);
            await recorder.WaitAsync(r => r.Count(s => s.Market == 2) >= 5 && r.Count(s => s.Market == 3) >= 5);
        }
        finally
        {
            foreach (AuctionTimer timer in timers)
            {
                timer.Dispose();
            }
        }

        (int Market, long Ticks, byte[] Record)[] seen = recorder.Snapshot();
        Assert.All(seen, s => Assert.Equal(EnclaveRecordKind.Auction, EnclaveRecords.KindOf(s.Record)));
        Assert.DoesNotContain(seen, s => s.Market == 1);
        AssertGapsAtLeast(seen, 2, 100);
        AssertGapsAtLeast(seen, 3, 100);
    }

    [Fact]
    public async Task Fire_PreviousUncrossUnanswered_SkipsInsteadOfQueueing_ThenResumes()
    {
        var pending = new TaskCompletionSource<EnclaveReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        var recorder = new Recorder(pending.Task);
        using (AuctionTimer timer = Assert.Single(AuctionTimer.StartAll([Auction(40, 20)], recorder.Submit)))
        {
            await recorder.WaitAsync(r => r.Length >= 1);

            // Many periods pass while the first uncross is unanswered: none is submitted behind it.
            await Task.Delay(400);
            Assert.Single(recorder.Snapshot());

            recorder.Reply = Task.FromResult(EnclaveReply.Busy);
            pending.SetResult(EnclaveReply.Busy);
            await recorder.WaitAsync(r => r.Length >= 3);
        }
    }

    [Fact]
    public async Task Dispose_StopsTheTimer()
    {
        var recorder = new Recorder();
        AuctionTimer timer = Assert.Single(AuctionTimer.StartAll([Auction(30, 10)], recorder.Submit));
        await recorder.WaitAsync(r => r.Length >= 2);

        timer.Dispose();
        int atDispose = recorder.Snapshot().Length;
        await Task.Delay(300);

        // A firing that was already running when Dispose was called may still submit once; nothing is armed after it.
        Assert.InRange(recorder.Snapshot().Length, atDispose, atDispose + 1);
    }

    private static MarketOptions Auction(int intervalMs, int randomEndMs) =>
        new(2, 1, 2, 1, 1) { Mode = TradingMode.Auction, AuctionIntervalMs = intervalMs, AuctionRandomEndMs = randomEndMs };

    /// <summary>Consecutive uncrosses of a market never come closer than the shortest period (less 15 ms for timer granularity).</summary>
    private static void AssertGapsAtLeast((int Market, long Ticks, byte[] Record)[] seen, int market, int shortestMs)
    {
        long[] times = [.. seen.Where(s => s.Market == market).Select(s => s.Ticks)];
        for (int i = 1; i < times.Length; i++)
        {
            double gapMs = (times[i] - times[i - 1]) * 1000.0 / Stopwatch.Frequency;
            Assert.True(gapMs >= shortestMs - 15, $"market {market}: uncrosses {gapMs:F1} ms apart, shortest period {shortestMs} ms");
        }
    }

    /// <summary>Stands in for the pipeline: records what was submitted and when, and answers with <see cref="Reply"/>.</summary>
    private sealed class Recorder(Task<EnclaveReply>? reply = null)
    {
        private readonly Lock _gate = new();
        private readonly List<(int Market, long Ticks, byte[] Record)> _seen = [];

        public Task<EnclaveReply> Reply { get; set; } = reply ?? Task.FromResult(EnclaveReply.Busy);

        public Task<EnclaveReply> Submit(byte[] record)
        {
            lock (_gate)
            {
                _seen.Add((BitConverter.ToInt32(record, EnclaveRecords.HeaderSize), Stopwatch.GetTimestamp(), [.. record]));
                return Reply;
            }
        }

        public (int Market, long Ticks, byte[] Record)[] Snapshot()
        {
            lock (_gate)
            {
                return [.. _seen];
            }
        }

        public async Task WaitAsync(Func<(int Market, long Ticks, byte[] Record)[], bool> done)
        {
            var deadline = Stopwatch.StartNew();
            while (!done(Snapshot()))
            {
                Assert.True(deadline.Elapsed < Patience, "the timer did not fire as expected");
                await Task.Delay(10);
            }
        }
    }
}
