namespace DarkPool.Replay.Tests;

/// <summary>
/// examples/min-quantity.jsonl, checked by hand against docs/ENGINE.md: no fees, and a fill must be at least
/// min(minQty, remaining) of both orders.
/// </summary>
public sealed partial class ExampleScenarioTests
{
    // Line numbers in the comments are those of examples/min-quantity.jsonl.
    private static readonly string[] MinQuantityGolden =
    [
        // Lines 1-6: market and deposits.
        """{"evt":"market","market":"ETH-USDC"}""",
        """{"evt":"deposited","account":"whale","asset":"USDC","amount":100000}""",
        """{"evt":"deposited","account":"pinger","asset":"USDC","amount":10000}""",
        """{"evt":"deposited","account":"small","asset":"ETH","amount":100}""",
        """{"evt":"deposited","account":"big","asset":"ETH","amount":100}""",
        """{"evt":"deposited","account":"hidden","asset":"ETH","amount":100}""",
        // Lines 7-9: asks 2 then 10 at 100; a buy of 8 with minQty 5 skips the 2 and takes 8 of the 10.
        """{"evt":"accepted","account":"small","id":"s1","market":"ETH-USDC"}""",
        """{"evt":"accepted","account":"big","id":"b1","market":"ETH-USDC"}""",
        """{"evt":"accepted","account":"whale","id":"w1","market":"ETH-USDC"}""",
        """{"evt":"trade","market":"ETH-USDC","price":100,"qty":8,"maker":"big","makerId":"b1","taker":"whale","takerId":"w1","takerSide":"buy","makerFee":0,"takerFee":0}""",
        // Lines 10-11: a resting sell of 10 at 99 with minQty 5; a ping of 1 passes over it (1 < 5) and buys at 100.
        """{"evt":"accepted","account":"hidden","id":"h1","market":"ETH-USDC"}""",
        """{"evt":"accepted","account":"pinger","id":"g1","market":"ETH-USDC"}""",
        """{"evt":"trade","market":"ETH-USDC","price":100,"qty":1,"maker":"small","makerId":"s1","taker":"pinger","takerId":"g1","takerSide":"buy","makerFee":0,"takerFee":0}""",
        // Line 12: 99: h1; 100: s1 (1 left) and b1 (2 left).
        """{"evt":"book","market":"ETH-USDC","bids":[],"asks":[[99,10,1],[100,3,2]]}""",
        // Line 13: 7 >= 5: h1 fills 7 and has 3 left, so its threshold is now min(5, 3) = 3.
        """{"evt":"accepted","account":"whale","id":"w2","market":"ETH-USDC"}""",
        """{"evt":"trade","market":"ETH-USDC","price":99,"qty":7,"maker":"hidden","makerId":"h1","taker":"whale","takerId":"w2","takerSide":"buy","makerFee":0,"takerFee":0}""",
        // Line 14: 2 < 3: refused, the IOC cancels unfilled.
        """{"evt":"accepted","account":"pinger","id":"g2","market":"ETH-USDC"}""",
        """{"evt":"cancelled","account":"pinger","id":"g2","market":"ETH-USDC","qty":2,"reason":"unfilled"}""",
        // Line 15: 3 completes h1: the last fill may be smaller than minQty.
        """{"evt":"accepted","account":"pinger","id":"g3","market":"ETH-USDC"}""",
        """{"evt":"trade","market":"ETH-USDC","price":99,"qty":3,"maker":"hidden","makerId":"h1","taker":"pinger","takerId":"g3","takerSide":"buy","makerFee":0,"takerFee":0}""",
        // Lines 16-17: a buy of 10 at 101 with minQty 8 skips 1 and 2 at 100 and rests: the book is crossed, blocked
        // by the minimum.
        """{"evt":"accepted","account":"whale","id":"w3","market":"ETH-USDC"}""",
        """{"evt":"book","market":"ETH-USDC","bids":[[101,10,1]],"asks":[[100,3,2]]}""",
        // Line 18: a sell of 8 fills 8 of w3 at 101. w3 has 2 left, threshold 2: it trades at once as the incoming
        // order, skips s1 (1 < 2) and buys b1's 2 at 100.
        """{"evt":"accepted","account":"big","id":"b2","market":"ETH-USDC"}""",
        """{"evt":"trade","market":"ETH-USDC","price":101,"qty":8,"maker":"whale","makerId":"w3","taker":"big","takerId":"b2","takerSide":"sell","makerFee":0,"takerFee":0}""",
        """{"evt":"trade","market":"ETH-USDC","price":100,"qty":2,"maker":"big","makerId":"b1","taker":"whale","takerId":"w3","takerSide":"buy","makerFee":0,"takerFee":0}""",
        // Line 19: minQty 3 on an order of 2.
        """{"evt":"rejected","cmd":"place","account":"pinger","id":"g4","market":"ETH-USDC","reason":"invalid_min_quantity"}""",
        // Line 20: minQty on a market order; 1 lot left at 100.
        """{"evt":"accepted","account":"pinger","id":"g5","market":"ETH-USDC"}""",
        """{"evt":"trade","market":"ETH-USDC","price":100,"qty":1,"maker":"small","makerId":"s1","taker":"pinger","takerId":"g5","takerSide":"buy","makerFee":0,"takerFee":0}""",
        // Line 21: the book is empty.
        """{"evt":"book","market":"ETH-USDC","bids":[],"asks":[]}""",
        // Lines 22-26. whale: 800 + 693 + 808 + 200 for 25 ETH; pinger: 100 + 297 + 100 for 5; hidden sold 10 at 99.
        """{"evt":"balance","account":"whale","asset":"USDC","available":97499,"held":0}""",
        """{"evt":"balance","account":"whale","asset":"ETH","available":25,"held":0}""",
        """{"evt":"balance","account":"pinger","asset":"USDC","available":9503,"held":0}""",
        """{"evt":"balance","account":"pinger","asset":"ETH","available":5,"held":0}""",
        """{"evt":"balance","account":"hidden","asset":"USDC","available":990,"held":0}""",
    ];

    [Fact]
    public void Run_MinQuantityExample_PrintsHandCheckedEvents()
    {
        string[] lines = ReplayHarness.Run(File.ReadAllText(ReplayHarness.ExamplePath("min-quantity.jsonl")));

        Assert.Equal(MinQuantityGolden, lines);
    }
}
