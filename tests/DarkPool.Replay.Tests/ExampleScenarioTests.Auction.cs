namespace DarkPool.Replay.Tests;

/// <summary>
/// examples/auction.jsonl, checked by hand against docs/ENGINE.md: an auction market with maker 10 bps and
/// taker 30 bps. In an auction both sides pay the maker fee; the trade's taker fields are the buyer's.
/// </summary>
public sealed partial class ExampleScenarioTests
{
    // Line numbers in the comments are those of examples/auction.jsonl.
    private static readonly string[] AuctionGolden =
    [
        // Lines 1-6: an auction market, a continuous one, deposits.
        """{"evt":"market","market":"BTC-USDC"}""",
        """{"evt":"market","market":"BTC-USDC-LIT"}""",
        """{"evt":"deposited","account":"alice","asset":"USDC","amount":100000}""",
        """{"evt":"deposited","account":"bob","asset":"USDC","amount":100000}""",
        """{"evt":"deposited","account":"carol","asset":"BTC","amount":100}""",
        """{"evt":"deposited","account":"dave","asset":"BTC","amount":100}""",
        // Lines 7-12: crossing orders are collected, nothing trades.
        """{"evt":"accepted","account":"alice","id":"b1","market":"BTC-USDC"}""",
        """{"evt":"accepted","account":"bob","id":"b2","market":"BTC-USDC"}""",
        """{"evt":"accepted","account":"alice","id":"b3","market":"BTC-USDC"}""",
        """{"evt":"accepted","account":"carol","id":"s1","market":"BTC-USDC"}""",
        """{"evt":"accepted","account":"dave","id":"s2","market":"BTC-USDC"}""",
        """{"evt":"accepted","account":"carol","id":"s3","market":"BTC-USDC"}""",
        // Lines 13-14: no market orders and no FOK in a call market.
        """{"evt":"rejected","cmd":"place","account":"bob","id":"m1","market":"BTC-USDC","reason":"unsupported"}""",
        """{"evt":"rejected","cmd":"place","account":"bob","id":"f1","market":"BTC-USDC","reason":"unsupported"}""",
        // Line 15: the book rests crossed until the uncross.
        """{"evt":"book","market":"BTC-USDC","bids":[[1005,4,1],[1003,3,1],[1001,5,1]],"asks":[[1000,2,1],[1002,4,1],[1004,6,1]]}""",
        // Line 16. Demand (>= p) / supply (<= p): 1001: 12/2, 1002: 7/6, 1003: 7/6, 1004: 4/12. 1002 and 1003 both
        // execute 6 with imbalance 1; no reference, so the lower. b1 gets 2 from s1 and 2 from s2, b2 the last 2 of
        // s2; every fill at 1002, notional 2004, fee 2 (10 bps, rounded down) on each side. b2 is IOC: its last lot
        // is cancelled; b3 (1001) and s3 (1004) stay for the next auction.
        """{"evt":"trade","market":"BTC-USDC","price":1002,"qty":2,"maker":"carol","makerId":"s1","taker":"alice","takerId":"b1","takerSide":"buy","makerFee":2,"takerFee":2}""",
        """{"evt":"trade","market":"BTC-USDC","price":1002,"qty":2,"maker":"dave","makerId":"s2","taker":"alice","takerId":"b1","takerSide":"buy","makerFee":2,"takerFee":2}""",
        """{"evt":"trade","market":"BTC-USDC","price":1002,"qty":2,"maker":"dave","makerId":"s2","taker":"bob","takerId":"b2","takerSide":"buy","makerFee":2,"takerFee":2}""",
        """{"evt":"cancelled","account":"bob","id":"b2","market":"BTC-USDC","qty":1,"reason":"unfilled"}""",
        """{"evt":"uncrossed","market":"BTC-USDC","price":1002,"qty":6}""",
        // Line 17: what is left.
        """{"evt":"book","market":"BTC-USDC","bids":[[1001,5,1]],"asks":[[1004,6,1]]}""",
        // Line 18: alice paid 2 x (2004 + 2); b3 holds 5005 + 15 (30 bps, the larger fee); b1's saving came back.
        """{"evt":"balance","account":"alice","asset":"USDC","available":90968,"held":5020}""",
        // Line 19: mid 1003.5, half to even: 1004.
        """{"evt":"reference","market":"BTC-USDC","bid":1000,"ask":1007,"mid":1004}""",
        // Lines 20-22: an uncapped pegged buy of 3, a pegged sell of 2 with floor 1003, a limit buy of 2 at 1006.
        """{"evt":"accepted","account":"bob","id":"pb","market":"BTC-USDC"}""",
        """{"evt":"accepted","account":"dave","id":"ps","market":"BTC-USDC"}""",
        """{"evt":"accepted","account":"alice","id":"b4","market":"BTC-USDC"}""",
        // Line 23. Pegs stand at the mid 1004. Demand/supply: 1003: 5/0, 1004: 5/8, 1005: 2/8: 1004 clears 5.
        // Buyers: b4 (1006), then the peg pb; sellers: s3 (1004, a limit at the mid comes before pegs), then ps.
        // Fees: 2008 -> 2, 3012 -> 3, each side.
        """{"evt":"trade","market":"BTC-USDC","price":1004,"qty":2,"maker":"carol","makerId":"s3","taker":"alice","takerId":"b4","takerSide":"buy","makerFee":2,"takerFee":2}""",
        """{"evt":"trade","market":"BTC-USDC","price":1004,"qty":3,"maker":"carol","makerId":"s3","taker":"bob","takerId":"pb","takerSide":"buy","makerFee":3,"takerFee":3}""",
        """{"evt":"uncrossed","market":"BTC-USDC","price":1004,"qty":5}""",
        // Line 24: nothing crosses (best bid 1001, asks 1004 and the peg at 1004).
        """{"evt":"uncrossed","market":"BTC-USDC","price":0,"qty":0}""",
        // Line 25: the peg ps is not shown.
        """{"evt":"book","market":"BTC-USDC","bids":[[1001,5,1]],"asks":[[1004,1,1]]}""",
        // Lines 26-27: an auction on a continuous market, and on a market never created.
        """{"evt":"rejected","cmd":"auction","market":"BTC-USDC-LIT","reason":"unsupported"}""",
        """{"evt":"rejected","cmd":"auction","market":"ETH-USDC","reason":"unknown_market"}""",
        // Lines 28-37. alice: 4012 + 2010, b3 holds 5020. bob: 2006 + 3015. carol: 2002 + 2006 + 3009, s3 holds 1.
        // dave: 2 x 2002, ps holds 2. Fees: 6 fills, 2 x (2 + 2 + 2) + 2 x (2 + 3) = 22.
        """{"evt":"balance","account":"alice","asset":"USDC","available":88958,"held":5020}""",
        """{"evt":"balance","account":"alice","asset":"BTC","available":6,"held":0}""",
        """{"evt":"balance","account":"bob","asset":"USDC","available":94979,"held":0}""",
        """{"evt":"balance","account":"bob","asset":"BTC","available":5,"held":0}""",
        """{"evt":"balance","account":"carol","asset":"USDC","available":7017,"held":0}""",
        """{"evt":"balance","account":"carol","asset":"BTC","available":92,"held":1}""",
        """{"evt":"balance","account":"dave","asset":"USDC","available":4004,"held":0}""",
        """{"evt":"balance","account":"dave","asset":"BTC","available":94,"held":2}""",
        """{"evt":"balance","account":"fees","asset":"USDC","available":22,"held":0}""",
    ];

    [Fact]
    public void Run_AuctionExample_PrintsHandCheckedEvents()
    {
        string[] lines = ReplayHarness.Run(File.ReadAllText(ReplayHarness.ExamplePath("auction.jsonl")));

        Assert.Equal(AuctionGolden, lines);
    }

    [Fact]
    public void Run_DarkPoolExamples_EveryNewEventKindAppears()
    {
        string[] lines =
        [
            .. ReplayHarness.Run(File.ReadAllText(ReplayHarness.ExamplePath("midpoint.jsonl"))),
            .. ReplayHarness.Run(File.ReadAllText(ReplayHarness.ExamplePath("auction.jsonl"))),
        ];

        string[] kinds = ["reference", "uncrossed"];
        foreach (string kind in kinds)
        {
            Assert.Contains(lines, l => l.StartsWith($$"""{"evt":"{{kind}}",""", StringComparison.Ordinal));
        }
    }
}
