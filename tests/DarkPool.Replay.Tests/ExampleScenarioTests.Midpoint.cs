namespace DarkPool.Replay.Tests;

/// <summary>
/// examples/midpoint.jsonl, checked by hand against docs/ENGINE.md: tick 5, maker 10 bps, taker 20 bps,
/// maximum reference age 100. Fees round down; a buy holds price x qty plus the larger fee (20 bps).
/// </summary>
public sealed partial class ExampleScenarioTests
{
    // Line numbers in the comments are those of examples/midpoint.jsonl.
    private static readonly string[] MidpointGolden =
    [
        // Lines 1-5: market and deposits.
        """{"evt":"market","market":"BTC-USDC"}""",
        """{"evt":"deposited","account":"alice","asset":"USDC","amount":1000000}""",
        """{"evt":"deposited","account":"bob","asset":"BTC","amount":100}""",
        """{"evt":"deposited","account":"carol","asset":"USDC","amount":1000000}""",
        """{"evt":"deposited","account":"dave","asset":"USDC","amount":1000000}""",
        // Line 6: an uncapped pegged buy holds for the mid, and there is none yet.
        """{"evt":"rejected","cmd":"place","account":"alice","id":"nr1","market":"BTC-USDC","reason":"no_reference"}""",
        // Line 7: (10000 + 10010) / 2 = 10005, observed at the command's own time, so usable.
        """{"evt":"reference","market":"BTC-USDC","bid":10000,"ask":10010,"mid":10005}""",
        // Lines 8-9: two pegs cross at the mid. Notional 30015: taker 60 (60.03), maker 30 (30.015).
        """{"evt":"accepted","account":"bob","id":"p1","market":"BTC-USDC"}""",
        """{"evt":"accepted","account":"alice","id":"p2","market":"BTC-USDC"}""",
        """{"evt":"trade","market":"BTC-USDC","price":10005,"qty":3,"maker":"bob","makerId":"p1","taker":"alice","takerId":"p2","takerSide":"buy","makerFee":30,"takerFee":60}""",
        // Line 10: a limit buy below the mid does not reach the peg and rests (the only order `book` shows at the end).
        """{"evt":"accepted","account":"carol","id":"c1","market":"BTC-USDC"}""",
        // Line 11: a limit buy through the mid takes the peg at the mid, not at its own 10010. Notional 20010: 40 and 20.
        """{"evt":"accepted","account":"carol","id":"c2","market":"BTC-USDC"}""",
        """{"evt":"trade","market":"BTC-USDC","price":10005,"qty":2,"maker":"bob","makerId":"p1","taker":"carol","takerId":"c2","takerSide":"buy","makerFee":20,"takerFee":40}""",
        // Line 12: a buy capped at 10010 takes the last 2 of p1 at 10005; 4 rest, holding 10010 x 4 + 80 = 40120.
        """{"evt":"accepted","account":"dave","id":"d1","market":"BTC-USDC"}""",
        """{"evt":"trade","market":"BTC-USDC","price":10005,"qty":2,"maker":"bob","makerId":"p1","taker":"dave","takerId":"d1","takerSide":"buy","makerFee":20,"takerFee":40}""",
        // Line 13: the mid moves to 10020, past d1's cap.
        """{"evt":"reference","market":"BTC-USDC","bid":10010,"ask":10030,"mid":10020}""",
        // Line 14: a pegged sell rests: d1 is skipped (cap passed), c1 at 10000 is below the mid.
        """{"evt":"accepted","account":"bob","id":"p3","market":"BTC-USDC"}""",
        // Line 15: dave spent 20010 + 40 and holds 40120 for the 4 left.
        """{"evt":"balance","account":"dave","asset":"USDC","available":939830,"held":40120}""",
        // Line 16: mid 10007.5, half to even: 10008 (off the tick grid of 5). Back under the cap, d1 (the older peg)
        // trades as the incoming order. Notional 40032: taker 80 (80.064), maker 40 (40.032).
        """{"evt":"reference","market":"BTC-USDC","bid":10000,"ask":10015,"mid":10008}""",
        """{"evt":"trade","market":"BTC-USDC","price":10008,"qty":4,"maker":"bob","makerId":"p3","taker":"dave","takerId":"d1","takerSide":"buy","makerFee":40,"takerFee":80}""",
        // Lines 17-18: at times 140 and 141 the reference (observed at 30) is 110 old, beyond 100: the peg and the
        // limit buy through the mid both rest without trading.
        """{"evt":"accepted","account":"bob","id":"p4","market":"BTC-USDC"}""",
        """{"evt":"accepted","account":"alice","id":"a1","market":"BTC-USDC"}""",
        // Line 19: observed at 25, before the reference in force (30).
        """{"evt":"rejected","cmd":"reference","market":"BTC-USDC","reason":"stale_reference"}""",
        // Line 20: a fresh reference, mid 10010: p4 trades as the incoming order against a1 at the mid.
        // Notional 20020: bob pays the taker fee 40, alice the maker fee 20.
        """{"evt":"reference","market":"BTC-USDC","bid":10000,"ask":10020,"mid":10010}""",
        """{"evt":"trade","market":"BTC-USDC","price":10010,"qty":2,"maker":"alice","makerId":"a1","taker":"bob","takerId":"p4","takerSide":"sell","makerFee":20,"takerFee":40}""",
        // Line 21: a locked reference (bid = ask) is no usable mid.
        """{"evt":"reference","market":"BTC-USDC","bid":10020,"ask":10020,"mid":0}""",
        // Line 22: an IOC peg with no usable mid cancels at once.
        """{"evt":"accepted","account":"bob","id":"p5","market":"BTC-USDC"}""",
        """{"evt":"cancelled","account":"bob","id":"p5","market":"BTC-USDC","qty":1,"reason":"unfilled"}""",
        // Line 23: the book shows limit orders only.
        """{"evt":"book","market":"BTC-USDC","bids":[[10000,1,1]],"asks":[]}""",
        // Lines 24-30. alice: 30015 + 60 for p2, 20020 + 20 for a1. bob: 29985 + 19990 + 19990 + 39992 + 19980
        // for 13 BTC. carol: 20010 + 40 paid, c1 holds 10000 + 20. dave: 20050 + 40112. Fees: 90 + 60 + 60 + 120 + 60.
        """{"evt":"balance","account":"alice","asset":"USDC","available":949885,"held":0}""",
        """{"evt":"balance","account":"alice","asset":"BTC","available":5,"held":0}""",
        """{"evt":"balance","account":"bob","asset":"USDC","available":129937,"held":0}""",
        """{"evt":"balance","account":"bob","asset":"BTC","available":87,"held":0}""",
        """{"evt":"balance","account":"carol","asset":"USDC","available":969930,"held":10020}""",
        """{"evt":"balance","account":"dave","asset":"USDC","available":939838,"held":0}""",
        """{"evt":"balance","account":"fees","asset":"USDC","available":390,"held":0}""",
    ];

    [Fact]
    public void Run_MidpointExample_PrintsHandCheckedEvents()
    {
        string[] lines = ReplayHarness.Run(File.ReadAllText(ReplayHarness.ExamplePath("midpoint.jsonl")));

        Assert.Equal(MidpointGolden, lines);
    }
}
