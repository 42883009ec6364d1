using CsCheck;
using DarkPool.Testing;

namespace DarkPool.Engine.Tests.Engine;

/// <summary>
/// The scratch uncross an engine runs when its first auction market is created: it must take the uncross's
/// paths (those it misses are still compiled inside the first real one), and it must change nothing seen.
/// </summary>
public sealed class AuctionWarmUpTests
{
    [Theory]
    [InlineData(BookKind.Fast)]
    [InlineData(BookKind.Reference)]
    public void RunAuctionWarmUp_ScratchBook_ClearsBelowTheMidWithPartialFillAndIocCancels(BookKind kind)
    {
        var sink = new RecordingSink();
        MatchingEngine.RunAuctionWarmUp(kind, sink);

        Assert.DoesNotContain(sink.Events, e => e.Type == EventType.Rejected);
        Assert.Equal(MatchingEngine.WarmUpOrders + 1, sink.Events.Count(e => e.Type == EventType.Accepted));
        EngineEvent reference = Assert.Single(sink.Events, e => e.Type == EventType.ReferenceUpdated);
        EngineEvent uncrossed = Assert.Single(sink.Events, e => e.Type == EventType.Uncrossed);

        // Cleared below the mid: buy limits between the two come after the pegs (the reordering path).
        Assert.Equal((102L, 100L), (reference.Price, uncrossed.Price));
        Assert.True(uncrossed.Quantity > 0);
        Assert.True(sink.Events.Count(e => e.Type == EventType.Trade) >= 30, "each per-fill method runs often enough to be optimised");
        Assert.Contains(sink.Events, e => e.Type == EventType.Cancelled && e.CancelReason == CancelReason.Unfilled);

        // A buyer's last fill leaves it with lots to keep: the write-back reduces an order as well as removing them.
        IEnumerable<EngineEvent> lastFillPerBuyer = sink.Events.Where(e => e.Type == EventType.Trade).GroupBy(e => (e.Account, e.OrderId)).Select(g => g.Last());
        Assert.Contains(lastFillPerBuyer, e => e.Remaining > 0);
    }

    [Theory]
    [InlineData(BookKind.Fast)]
    [InlineData(BookKind.Reference)]
    public void Execute_WithAndWithoutAuctionWarmUp_SameEventsAndHash(BookKind kind)
    {
        Command[] stream = [.. CommandGen.Prelude(), .. CommandGen.Stream(3_000).Single()];
        (List<string> warmLines, long warmHash) = Run(kind, warmUp: true, stream);
        (List<string> coldLines, long coldHash) = Run(kind, warmUp: false, stream);

        Assert.Equal(coldLines, warmLines);
        Assert.Equal(coldHash, warmHash);
        Assert.Contains(warmLines, line => line.StartsWith("Uncrossed", StringComparison.Ordinal) && !line.Contains(" q=0 ", StringComparison.Ordinal));
    }

    private static (List<string> Lines, long Hash) Run(BookKind kind, bool warmUp, Command[] stream)
    {
        var sink = new RecordingSink();
        EngineOptions defaults = CommandGen.Options(kind);
        var engine = new MatchingEngine(
            new EngineOptions
            {
                Book = kind,
                MaxAccounts = defaults.MaxAccounts,
                MaxAssets = defaults.MaxAssets,
                MaxMarkets = defaults.MaxMarkets,
                ExpectedAccounts = defaults.ExpectedAccounts,
                ExpectedOrdersPerMarket = defaults.ExpectedOrdersPerMarket,
                WarmUpAuctions = warmUp,
            },
            sink);
        foreach (Command c in stream)
        {
            engine.Execute(c);
        }

        return (sink.Lines, engine.ComputeStateHash());
    }
}
