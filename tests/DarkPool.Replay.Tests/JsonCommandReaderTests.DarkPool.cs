using DarkPool.Engine;

namespace DarkPool.Replay.Tests;

/// <summary>The dark-pool fields: reference prices, midpoint caps and floors, minimum quantities, auction markets.</summary>
public sealed partial class JsonCommandReaderTests
{
    [Fact]
    public void TryRead_AuctionMarketWithMaxReferenceAge_SetsModeAndAge()
    {
        Command c = Read("""{"cmd":"market","market":"M","base":"A","quote":"B","tickSize":1,"lotSize":1,"mode":"auction","maxReferenceAge":250}""");

        Assert.Equal((MarketMode.Auction, 250L), (c.Mode, c.MaxReferenceAge));
    }

    [Fact]
    public void TryRead_NegativeMaxReferenceAge_PassedOnForTheEngineToReject()
    {
        Command c = Read("""{"cmd":"market","market":"M","base":"A","quote":"B","tickSize":1,"lotSize":1,"maxReferenceAge":-1}""");

        Assert.Equal(-1L, c.MaxReferenceAge);
    }

    [Fact]
    public void TryRead_ReferenceWithObservedAtAndTs_SetsBoth()
    {
        Command c = Read("""{"cmd":"reference","market":"BTC-USDC","bid":99,"ask":101,"observedAt":40,"ts":45}""");

        Assert.Equal((CommandType.Reference, 0, CommandFlags.None), (c.Type, c.Market, c.Flags));
        Assert.Equal((99L, 101L, 40L, 45L), (c.Bid, c.Ask, c.ObservedAt, c.Timestamp));
    }

    [Theory]
    [InlineData(""","ts":45""", 45)]
    [InlineData(""","ts":45,"observedAt":null""", 45)]
    [InlineData("", 0)]
    public void TryRead_ReferenceWithoutObservedAt_ObservedWhenSequenced(string fields, long expected)
    {
        Command c = Read($$"""{"cmd":"reference","market":"BTC-USDC","bid":99,"ask":101{{fields}}}""");

        Assert.Equal((expected, expected), (c.ObservedAt, c.Timestamp));
    }

    [Fact]
    public void TryRead_ReferenceWithBadPrices_PassedOnForTheEngineToReject()
    {
        Command c = Read("""{"cmd":"reference","market":"BTC-USDC","bid":0,"ask":-3,"observedAt":-7}""");

        Assert.Equal((0L, -3L, -7L), (c.Bid, c.Ask, c.ObservedAt));
    }

    [Fact]
    public void TryRead_Auction_MarketAndTs()
    {
        Command c = Read("""{"cmd":"auction","market":"BTC-USDC","ts":12}""");

        Assert.Equal((CommandType.Auction, 0, 12L), (c.Type, c.Market, c.Timestamp));
    }

    [Fact]
    public void TryRead_MidpointWithPrice_CarriesTheLimitWithHasPrice()
    {
        Command c = Read("""{"cmd":"place","account":"U1","market":"M","id":"o1","side":"sell","type":"midpoint","price":105,"qty":5}""");

        Assert.Equal((OrderType.Midpoint, Side.Sell, TimeInForce.Gtc), (c.OrderType, c.Side, c.TimeInForce));
        Assert.Equal((105L, 5L, CommandFlags.HasPrice), (c.Price, c.Quantity, c.Flags));
    }

    [Fact]
    public void TryRead_MidpointWithoutPrice_NoLimitNoFlag()
    {
        Command c = Read("""{"cmd":"place","account":"U1","market":"M","id":"o1","side":"buy","type":"midpoint","qty":5}""");

        Assert.Equal((0L, CommandFlags.None), (c.Price, c.Flags));
    }

    [Fact]
    public void TryRead_MidpointWithZeroPrice_FlaggedSoTheEngineRejectsIt()
    {
        Command c = Read("""{"cmd":"place","account":"U1","market":"M","id":"o1","side":"buy","type":"midpoint","price":0,"qty":5}""");

        Assert.Equal((0L, CommandFlags.HasPrice), (c.Price, c.Flags));
    }

    [Theory]
    [InlineData("limit", ""","price":100""")]
    [InlineData("market", ""","price":100""")]
    public void TryRead_PriceOnLimitOrMarketOrder_NeverSetsHasPrice(string type, string price)
    {
        Command c = Read($$"""{"cmd":"place","account":"U1","market":"M","id":"o1","side":"buy","type":"{{type}}"{{price}},"qty":5}""");

        Assert.Equal((100L, CommandFlags.None), (c.Price, c.Flags));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(0)]
    [InlineData(-2)]
    public void TryRead_MinQty_AnyIntegerSetsTheFlag(long minQty)
    {
        Command c = Read($$"""{"cmd":"place","account":"U1","market":"M","id":"o1","side":"buy","price":100,"qty":5,"minQty":{{minQty}}}""");

        Assert.Equal((minQty, CommandFlags.HasMinQuantity), (c.MinQuantity, c.Flags));
    }

    [Fact]
    public void TryRead_MinQtyOnMarketAndMidpoint_SetsTheFlag()
    {
        Command market = Read("""{"cmd":"place","account":"U1","market":"M","id":"o1","side":"sell","type":"market","qty":5,"minQty":2}""");
        Command peg = Read("""{"cmd":"place","account":"U1","market":"M","id":"o2","side":"sell","type":"midpoint","qty":5,"minQty":4}""");

        Assert.Equal((2L, CommandFlags.HasMinQuantity), (market.MinQuantity, market.Flags));
        Assert.Equal((4L, CommandFlags.HasMinQuantity), (peg.MinQuantity, peg.Flags));
    }
}
