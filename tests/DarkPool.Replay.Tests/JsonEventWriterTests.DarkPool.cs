using System.Text;
using DarkPool.Engine;

namespace DarkPool.Replay.Tests;

/// <summary>The exact text of the dark-pool events, and of trades caused by a reference or an auction.</summary>
public sealed partial class JsonEventWriterTests
{
    private static readonly string[] AuctionSetup =
    [
        """{"cmd":"market","market":"AUC","base":"BTC","quote":"USDC","tickSize":1,"lotSize":1,"makerFeeBps":10,"takerFeeBps":50,"mode":"auction"}""",
    ];

    [Fact]
    public void OnEvent_ReferenceAndUncrossed_DocumentedFieldOrder()
    {
        var names = new NameTable(new EngineOptions());
        names.Market("BTC-USDC");
        using var stream = new MemoryStream();
        using (var writer = new JsonEventWriter(stream, names))
        {
            writer.OnEvent(new EngineEvent { Type = EventType.ReferenceUpdated, Command = CommandType.Reference, Price = 102, Bid = 100, Ask = 105 });
            writer.OnEvent(new EngineEvent { Type = EventType.Uncrossed, Command = CommandType.Auction, Price = 101, Quantity = 7 });
            writer.Flush();
        }

        Assert.Equal(
            """
            {"evt":"reference","market":"BTC-USDC","bid":100,"ask":105,"mid":102}
            {"evt":"uncrossed","market":"BTC-USDC","price":101,"qty":7}

            """.ReplaceLineEndings("\n"),
            Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void Run_Reference_MidIsUsableMidOrZero()
    {
        string[] output = ReplayHarness.Run(
            """{"cmd":"market","market":"M","base":"B","quote":"Q","tickSize":5,"lotSize":1,"maxReferenceAge":10}""",
            """{"cmd":"reference","market":"M","bid":100,"ask":103,"ts":3}""",
            """{"cmd":"reference","market":"M","bid":100,"ask":105,"observedAt":3,"ts":13}""",
            """{"cmd":"reference","market":"M","bid":100,"ask":105,"observedAt":3,"ts":14}""",
            """{"cmd":"reference","market":"M","bid":105,"ask":105,"observedAt":14,"ts":14}""",
            """{"cmd":"reference","market":"M","bid":106,"ask":104,"observedAt":14,"ts":14}""");

        Assert.Equal(
        [
            """{"evt":"market","market":"M"}""",
            """{"evt":"reference","market":"M","bid":100,"ask":103,"mid":102}""",
            """{"evt":"reference","market":"M","bid":100,"ask":105,"mid":102}""",
            """{"evt":"reference","market":"M","bid":100,"ask":105,"mid":0}""",
            """{"evt":"reference","market":"M","bid":105,"ask":105,"mid":0}""",
            """{"evt":"reference","market":"M","bid":106,"ask":104,"mid":0}""",
        ], output);
    }

    [Fact]
    public void Run_ReferenceMovesPegIntoRange_TradePrintsThePegAsTaker()
    {
        string[] output = ReplayHarness.RunAfterSetup(
            """{"cmd":"reference","market":"BTC-USDC","bid":100,"ask":120}""",
            """{"cmd":"place","account":"U1","market":"BTC-USDC","id":"peg","side":"buy","type":"midpoint","price":106,"qty":3}""",
            """{"cmd":"place","account":"U2","market":"BTC-USDC","id":"lim","side":"sell","price":105,"qty":5}""",
            """{"cmd":"reference","market":"BTC-USDC","bid":100,"ask":110}""");

        Assert.Equal(
        [
            """{"evt":"reference","market":"BTC-USDC","bid":100,"ask":120,"mid":110}""",
            """{"evt":"accepted","account":"U1","id":"peg","market":"BTC-USDC"}""",
            """{"evt":"accepted","account":"U2","id":"lim","market":"BTC-USDC"}""",
            """{"evt":"reference","market":"BTC-USDC","bid":100,"ask":110,"mid":105}""",
            """{"evt":"trade","market":"BTC-USDC","price":105,"qty":3,"maker":"U2","makerId":"lim","taker":"U1","takerId":"peg","takerSide":"buy","makerFee":0,"takerFee":0}""",
        ], output);
    }

    [Fact]
    public void Run_AuctionTrade_BuyerIsTakerWhicheverArrivedFirstAndBothPayMakerFee()
    {
        string[] output = ReplayHarness.RunAfterSetup(
        [
            .. AuctionSetup,
            """{"cmd":"place","account":"U2","market":"AUC","id":"s1","side":"sell","price":1000,"qty":10}""",
            """{"cmd":"place","account":"U1","market":"AUC","id":"b1","side":"buy","price":1000,"qty":4}""",
            """{"cmd":"auction","market":"AUC"}""",
            """{"cmd":"place","account":"U1","market":"AUC","id":"b2","side":"buy","price":1000,"qty":6}""",
            """{"cmd":"auction","market":"AUC"}""",
        ]);

        Assert.Equal(
        [
            """{"evt":"market","market":"AUC"}""",
            """{"evt":"accepted","account":"U2","id":"s1","market":"AUC"}""",
            """{"evt":"accepted","account":"U1","id":"b1","market":"AUC"}""",
            """{"evt":"trade","market":"AUC","price":1000,"qty":4,"maker":"U2","makerId":"s1","taker":"U1","takerId":"b1","takerSide":"buy","makerFee":4,"takerFee":4}""",
            """{"evt":"uncrossed","market":"AUC","price":1000,"qty":4}""",
            """{"evt":"accepted","account":"U1","id":"b2","market":"AUC"}""",
            """{"evt":"trade","market":"AUC","price":1000,"qty":6,"maker":"U2","makerId":"s1","taker":"U1","takerId":"b2","takerSide":"buy","makerFee":6,"takerFee":6}""",
            """{"evt":"uncrossed","market":"AUC","price":1000,"qty":6}""",
        ], output);
    }

    [Fact]
    public void Run_AuctionIocRemainder_CancelledUnfilledBeforeUncrossed()
    {
        string[] output = ReplayHarness.RunAfterSetup(
        [
            .. AuctionSetup,
            """{"cmd":"place","account":"U1","market":"AUC","id":"b1","side":"buy","price":1000,"qty":5,"tif":"ioc"}""",
            """{"cmd":"place","account":"U2","market":"AUC","id":"s1","side":"sell","price":1001,"qty":5}""",
            """{"cmd":"auction","market":"AUC"}""",
            """{"cmd":"book","market":"AUC"}""",
        ]);

        Assert.Equal(
        [
            """{"evt":"cancelled","account":"U1","id":"b1","market":"AUC","qty":5,"reason":"unfilled"}""",
            """{"evt":"uncrossed","market":"AUC","price":0,"qty":0}""",
            """{"evt":"book","market":"AUC","bids":[],"asks":[[1001,5,1]]}""",
        ], output[3..]);
    }

    [Fact]
    public void Run_PeggedOrders_HiddenFromBookAndAmendedPrintsTheirLimit()
    {
        string[] output = ReplayHarness.RunAfterSetup(
            """{"cmd":"reference","market":"BTC-USDC","bid":100,"ask":110}""",
            """{"cmd":"place","account":"U1","market":"BTC-USDC","id":"pb","side":"buy","type":"midpoint","qty":2}""",
            """{"cmd":"place","account":"U2","market":"BTC-USDC","id":"ps","side":"sell","type":"midpoint","price":108,"qty":2}""",
            """{"cmd":"book","market":"BTC-USDC"}""",
            """{"cmd":"amend","account":"U2","market":"BTC-USDC","id":"ps","qty":1}""",
            """{"cmd":"amend","account":"U1","market":"BTC-USDC","id":"pb","price":104}""");

        Assert.Equal(
        [
            """{"evt":"reference","market":"BTC-USDC","bid":100,"ask":110,"mid":105}""",
            """{"evt":"accepted","account":"U1","id":"pb","market":"BTC-USDC"}""",
            """{"evt":"accepted","account":"U2","id":"ps","market":"BTC-USDC"}""",
            """{"evt":"book","market":"BTC-USDC","bids":[],"asks":[]}""",
            """{"evt":"amended","account":"U2","id":"ps","market":"BTC-USDC","price":108,"qty":1}""",
            """{"evt":"amended","account":"U1","id":"pb","market":"BTC-USDC","price":104,"qty":2}""",
        ], output);
    }
}
