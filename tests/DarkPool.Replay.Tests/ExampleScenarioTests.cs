using DarkPool.Engine;

namespace DarkPool.Replay.Tests;

/// <summary>
/// The example scenarios. The golden lines of examples/basic.jsonl were checked by hand against the rules:
/// price-time priority, trades at the resting price, fees rounded down (maker 10 bps, taker 20 bps), a
/// limit buy holding price x qty plus the larger fee and trimmed to its remainder after each fill.
/// </summary>
public sealed partial class ExampleScenarioTests
{
    // Line numbers in the comments are those of examples/basic.jsonl.
    private static readonly string[] BasicGolden =
    [
        // Lines 1-6: market (tick 5, maker 10 bps, taker 20 bps) and deposits.
        """{"evt":"market","market":"BTC-USDC"}""",
        """{"evt":"deposited","account":"alice","asset":"USDC","amount":1000000}""",
        """{"evt":"deposited","account":"bob","asset":"BTC","amount":100}""",
        """{"evt":"deposited","account":"carol","asset":"BTC","amount":100}""",
        """{"evt":"deposited","account":"carol","asset":"USDC","amount":1000000}""",
        """{"evt":"deposited","account":"dave","asset":"USDC","amount":5000}""",
        // Lines 7-13: resting orders on both sides at several levels; c1 queues behind a1 at 1005, c3 behind b1 at 995.
        """{"evt":"accepted","account":"bob","id":"a1","market":"BTC-USDC"}""",
        """{"evt":"accepted","account":"bob","id":"a2","market":"BTC-USDC"}""",
        """{"evt":"accepted","account":"carol","id":"c1","market":"BTC-USDC"}""",
        """{"evt":"accepted","account":"carol","id":"c2","market":"BTC-USDC"}""",
        """{"evt":"accepted","account":"alice","id":"b1","market":"BTC-USDC"}""",
        """{"evt":"accepted","account":"alice","id":"b2","market":"BTC-USDC"}""",
        """{"evt":"accepted","account":"carol","id":"c3","market":"BTC-USDC"}""",
        // Line 14: levels best first, [price, total qty, order count].
        """{"evt":"book","market":"BTC-USDC","bids":[[995,15,2],[990,20,1]],"asks":[[1005,15,2],[1010,10,1],[1015,20,1]]}""",
        // Line 15: buy 20 at 1010 sweeps 1005 (a1 then c1, time priority) and part of 1010, each at the resting price.
        // Fees: 10050 -> maker 10, taker 20; 5025 -> 5, 10; 5050 -> 5, 10 (rounded down).
        """{"evt":"accepted","account":"alice","id":"t1","market":"BTC-USDC"}""",
        """{"evt":"trade","market":"BTC-USDC","price":1005,"qty":10,"maker":"bob","makerId":"a1","taker":"alice","takerId":"t1","takerSide":"buy","makerFee":10,"takerFee":20}""",
        """{"evt":"trade","market":"BTC-USDC","price":1005,"qty":5,"maker":"carol","makerId":"c1","taker":"alice","takerId":"t1","takerSide":"buy","makerFee":5,"takerFee":10}""",
        """{"evt":"trade","market":"BTC-USDC","price":1010,"qty":5,"maker":"bob","makerId":"a2","taker":"alice","takerId":"t1","takerSide":"buy","makerFee":5,"takerFee":10}""",
        // Line 16: IOC sell 20 at 995 fills 15 (b1, c3); 990 does not cross, so 5 are cancelled as unfilled.
        """{"evt":"accepted","account":"bob","id":"i1","market":"BTC-USDC"}""",
        """{"evt":"trade","market":"BTC-USDC","price":995,"qty":10,"maker":"alice","makerId":"b1","taker":"bob","takerId":"i1","takerSide":"sell","makerFee":9,"takerFee":19}""",
        """{"evt":"trade","market":"BTC-USDC","price":995,"qty":5,"maker":"carol","makerId":"c3","taker":"bob","takerId":"i1","takerSide":"sell","makerFee":4,"takerFee":9}""",
        """{"evt":"cancelled","account":"bob","id":"i1","market":"BTC-USDC","qty":5,"reason":"unfilled"}""",
        // Line 17: FOK buy 30 at 1015 sees only 25 crossing lots: nothing trades.
        """{"evt":"accepted","account":"alice","id":"f1","market":"BTC-USDC"}""",
        """{"evt":"cancelled","account":"alice","id":"f1","market":"BTC-USDC","qty":30,"reason":"unfilled"}""",
        // Line 18: FOK buy 10 at 1015 fills completely across 1010 and 1015.
        """{"evt":"accepted","account":"alice","id":"f2","market":"BTC-USDC"}""",
        """{"evt":"trade","market":"BTC-USDC","price":1010,"qty":5,"maker":"bob","makerId":"a2","taker":"alice","takerId":"f2","takerSide":"buy","makerFee":5,"takerFee":10}""",
        """{"evt":"trade","market":"BTC-USDC","price":1015,"qty":5,"maker":"carol","makerId":"c2","taker":"alice","takerId":"f2","takerSide":"buy","makerFee":5,"takerFee":10}""",
        // Line 19: post-only at 1015 would take the 1015 ask.
        """{"evt":"rejected","cmd":"place","account":"alice","id":"p1","market":"BTC-USDC","reason":"post_only_would_cross"}""",
        // Lines 20-22: post-only p2 rests at 1000, c4 behind it; b2 is cancelled by its owner.
        """{"evt":"accepted","account":"alice","id":"p2","market":"BTC-USDC"}""",
        """{"evt":"accepted","account":"carol","id":"c4","market":"BTC-USDC"}""",
        """{"evt":"cancelled","account":"alice","id":"b2","market":"BTC-USDC","qty":20,"reason":"user"}""",
        // Lines 23-24: reducing p2 keeps its place: the next sell at 1000 trades p2 before c4.
        """{"evt":"amended","account":"alice","id":"p2","market":"BTC-USDC","price":1000,"qty":2}""",
        """{"evt":"accepted","account":"bob","id":"s1","market":"BTC-USDC"}""",
        """{"evt":"trade","market":"BTC-USDC","price":1000,"qty":1,"maker":"alice","makerId":"p2","taker":"bob","takerId":"s1","takerSide":"sell","makerFee":1,"takerFee":2}""",
        // Lines 25-26: growing p2 sends it to the back: the next sell trades c4 (6) before p2 (1).
        """{"evt":"amended","account":"alice","id":"p2","market":"BTC-USDC","price":1000,"qty":5}""",
        """{"evt":"accepted","account":"bob","id":"s2","market":"BTC-USDC"}""",
        """{"evt":"trade","market":"BTC-USDC","price":1000,"qty":6,"maker":"carol","makerId":"c4","taker":"bob","takerId":"s2","takerSide":"sell","makerFee":6,"takerFee":12}""",
        """{"evt":"trade","market":"BTC-USDC","price":1000,"qty":1,"maker":"alice","makerId":"p2","taker":"bob","takerId":"s2","takerSide":"sell","makerFee":1,"takerFee":2}""",
        // Line 27: p2 is still live. Line 28: dave needs 10000 + 20 fee and has 5000.
        """{"evt":"rejected","cmd":"place","account":"alice","id":"p2","market":"BTC-USDC","reason":"duplicate_id"}""",
        """{"evt":"rejected","cmd":"place","account":"dave","id":"d1","market":"BTC-USDC","reason":"insufficient_funds"}""",
        // Line 29: self-trade, decrement: c2 (15 left) loses 5 without a trade, st1 is used up.
        """{"evt":"accepted","account":"carol","id":"st1","market":"BTC-USDC"}""",
        """{"evt":"reduced","account":"carol","id":"c2","market":"BTC-USDC","qty":5,"remaining":10,"reason":"stp"}""",
        """{"evt":"cancelled","account":"carol","id":"st1","market":"BTC-USDC","qty":5,"reason":"stp"}""",
        // Lines 30-32: self-trade, cancel resting (the default): c2 goes, st2 rests at 1015 with no ask left.
        """{"evt":"accepted","account":"carol","id":"st2","market":"BTC-USDC"}""",
        """{"evt":"cancelled","account":"carol","id":"c2","market":"BTC-USDC","qty":10,"reason":"stp"}""",
        """{"evt":"accepted","account":"carol","id":"c5","market":"BTC-USDC"}""",
        """{"evt":"book","market":"BTC-USDC","bids":[[1015,3,1],[1000,4,1]],"asks":[[1020,4,1]]}""",
        // Lines 33-35: mass cancel in arrival order, a withdrawal, the book left.
        """{"evt":"cancelled","account":"carol","id":"st2","market":"BTC-USDC","qty":3,"reason":"mass"}""",
        """{"evt":"cancelled","account":"carol","id":"c5","market":"BTC-USDC","qty":4,"reason":"mass"}""",
        """{"evt":"massCancelled","account":"carol","count":2}""",
        """{"evt":"withdrawn","account":"bob","asset":"USDC","amount":20000}""",
        """{"evt":"book","market":"BTC-USDC","bids":[[1000,4,1]],"asks":[]}""",
        // Lines 36-42: alice paid 42271 USDC for 42 BTC and p2 holds 4008 (4000 + 8 fee); bob received 43011 and withdrew 20000;
        // the fee account holds 104 taker + 51 maker fees.
        """{"evt":"balance","account":"alice","asset":"USDC","available":953721,"held":4008}""",
        """{"evt":"balance","account":"alice","asset":"BTC","available":42,"held":0}""",
        """{"evt":"balance","account":"bob","asset":"USDC","available":23011,"held":0}""",
        """{"evt":"balance","account":"bob","asset":"BTC","available":57,"held":0}""",
        """{"evt":"balance","account":"carol","asset":"USDC","available":999105,"held":0}""",
        """{"evt":"balance","account":"carol","asset":"BTC","available":101,"held":0}""",
        """{"evt":"balance","account":"fees","asset":"USDC","available":155,"held":0}""",
    ];

    [Fact]
    public void Run_BasicExample_PrintsHandCheckedEvents()
    {
        string[] lines = ReplayHarness.Run(File.ReadAllText(ReplayHarness.ExamplePath("basic.jsonl")));

        Assert.Equal(BasicGolden, lines);
    }

    [Fact]
    public void Run_BasicExample_EveryEventKindAppears()
    {
        string[] lines = ReplayHarness.Run(File.ReadAllText(ReplayHarness.ExamplePath("basic.jsonl")));

        string[] kinds = ["market", "deposited", "withdrawn", "accepted", "rejected", "trade", "cancelled", "amended", "reduced", "book", "balance"];
        foreach (string kind in kinds)
        {
            Assert.Contains(lines, l => l.StartsWith($$"""{"evt":"{{kind}}",""", StringComparison.Ordinal));
        }
    }

    public static TheoryData<string> Examples() => new(ReplayHarness.ExampleNames());

    [Theory]
    [MemberData(nameof(Examples))]
    public void Run_Example_ReferenceAndFastBooksPrintIdenticalBytes(string name)
    {
        string input = File.ReadAllText(ReplayHarness.ExamplePath(name));

        string fast = ReplayHarness.RunToText(input, BookKind.Fast, hash: true);
        string reference = ReplayHarness.RunToText(input, BookKind.Reference, hash: true);

        Assert.Equal(reference, fast);
        Assert.NotEmpty(ReplayHarness.Lines(fast));
    }

    [Fact]
    public void ExampleNames_ExamplesAreCopied_IncludesEveryScenario()
    {
        Assert.Equal(
            ["auction.jsonl", "basic.jsonl", "errors.jsonl", "midpoint.jsonl", "min-quantity.jsonl", "stp-and-market-orders.jsonl"],
            ReplayHarness.ExampleNames());
    }
}
