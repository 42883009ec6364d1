using DarkPool.Engine;

namespace DarkPool.Replay.Tests;

/// <summary>Every command kind, with its defaults and its optional fields, becomes the engine command it names.</summary>
public sealed partial class JsonCommandReaderTests
{
    private readonly NameTable _names = new(new EngineOptions());

    private Command Read(string line)
    {
        var reader = new JsonCommandReader(_names);
        Assert.True(reader.TryRead(line, out Command command, out string? error), error);
        return command;
    }

    [Fact]
    public void TryRead_Market_AllFieldsAndDefaults()
    {
        Command c = Read("""{"cmd":"market","market":"BTC-USDC","base":"BTC","quote":"USDC","tickSize":5,"lotSize":100}""");

        Assert.Equal(CommandType.CreateMarket, c.Type);
        Assert.Equal((0, 0, 1), (c.Market, c.Asset, c.QuoteAsset));
        Assert.Equal((5L, 100L), (c.TickSize, c.LotSize));
        Assert.Equal((0, 0, MarketMode.Continuous, 0L), (c.MakerFeeBps, c.TakerFeeBps, c.Mode, c.MaxReferenceAge));
    }

    [Fact]
    public void TryRead_MarketWithFeesAndMode_SetsThem()
    {
        Command c = Read("""{"cmd":"market","market":"M","base":"A","quote":"B","tickSize":1,"lotSize":1,"makerFeeBps":-1,"takerFeeBps":7,"mode":"auction"}""");

        Assert.Equal((-1, 7, MarketMode.Auction), (c.MakerFeeBps, c.TakerFeeBps, c.Mode));
    }

    [Theory]
    [InlineData("deposit", CommandType.Deposit)]
    [InlineData("withdraw", CommandType.Withdraw)]
    public void TryRead_Funds_AccountAssetAmount(string cmd, CommandType type)
    {
        Command c = Read($$"""{"cmd":"{{cmd}}","account":"U1","asset":"USDC","amount":-5,"ts":42}""");

        Assert.Equal(type, c.Type);
        Assert.Equal((1, 0, -5L, 42L), (c.Account, c.Asset, c.Amount, c.Timestamp));
    }

    [Fact]
    public void TryRead_PlaceLimit_DefaultsToGtcCancelRestingNoFlags()
    {
        Command c = Read("""{"cmd":"place","account":"U1","market":"BTC-USDC","id":"o1","side":"buy","price":100,"qty":5}""");

        Assert.Equal(CommandType.Place, c.Type);
        Assert.Equal((1, 0, 1L), (c.Account, c.Market, c.OrderId));
        Assert.Equal((Side.Buy, OrderType.Limit, TimeInForce.Gtc, StpMode.CancelResting), (c.Side, c.OrderType, c.TimeInForce, c.Stp));
        Assert.Equal((100L, 5L, CommandFlags.None), (c.Price, c.Quantity, c.Flags));
    }

    [Fact]
    public void TryRead_PlaceMarket_DefaultsToIocWithoutPrice()
    {
        Command c = Read("""{"cmd":"place","account":"U1","market":"BTC-USDC","id":"o1","side":"sell","type":"market","qty":5}""");

        Assert.Equal((Side.Sell, OrderType.Market, TimeInForce.Ioc, 0L), (c.Side, c.OrderType, c.TimeInForce, c.Price));
    }

    [Fact]
    public void TryRead_PlaceWithEveryOption_SetsFieldsAndFlags()
    {
        Command c = Read("""
            {"cmd":"place","account":"U1","market":"BTC-USDC","id":"o1","side":"buy","type":"midpoint","price":7,"qty":5,
             "tif":"fok","postOnly":true,"budget":900,"minQty":2,"stp":"decrement","ts":9}
            """.ReplaceLineEndings(""));

        Assert.Equal((OrderType.Midpoint, TimeInForce.Fok, StpMode.Decrement), (c.OrderType, c.TimeInForce, c.Stp));
        Assert.Equal((7L, 900L, 2L, 9L), (c.Price, c.Budget, c.MinQuantity, c.Timestamp));
        Assert.Equal(CommandFlags.PostOnly | CommandFlags.HasPrice | CommandFlags.HasBudget | CommandFlags.HasMinQuantity, c.Flags);
    }

    [Theory]
    [InlineData("ioc", TimeInForce.Ioc)]
    [InlineData("gtc", TimeInForce.Gtc)]
    public void TryRead_PlaceMidpoint_DefaultsToGtcUnlessGiven(string tif, TimeInForce expected)
    {
        Command defaulted = Read("""{"cmd":"place","account":"U1","market":"M","id":"o1","side":"buy","type":"midpoint","qty":1}""");
        Command given = Read($$"""{"cmd":"place","account":"U1","market":"M","id":"o2","side":"buy","type":"midpoint","qty":1,"tif":"{{tif}}"}""");

        Assert.Equal(TimeInForce.Gtc, defaulted.TimeInForce);
        Assert.Equal(expected, given.TimeInForce);
    }

    [Theory]
    [InlineData("cancel_resting", StpMode.CancelResting)]
    [InlineData("cancel_incoming", StpMode.CancelIncoming)]
    [InlineData("cancel_both", StpMode.CancelBoth)]
    [InlineData("decrement", StpMode.Decrement)]
    public void TryRead_PlaceStp_EveryModeParses(string stp, StpMode expected)
    {
        Command c = Read($$"""{"cmd":"place","account":"U1","market":"M","id":"o1","side":"buy","price":1,"qty":1,"stp":"{{stp}}"}""");

        Assert.Equal(expected, c.Stp);
    }

    [Fact]
    public void TryRead_PlaceWithNullOptionals_TreatsThemAsAbsent()
    {
        Command c = Read("""{"cmd":"place","account":"U1","market":"M","id":"o1","side":"buy","price":1,"qty":1,"budget":null,"tif":null,"ts":null}""");

        Assert.Equal((CommandFlags.None, TimeInForce.Gtc, 0L), (c.Flags, c.TimeInForce, c.Timestamp));
    }

    [Fact]
    public void TryRead_Cancel_AccountMarketId()
    {
        Command c = Read("""{"cmd":"cancel","account":"U1","market":"BTC-USDC","id":"o1"}""");

        Assert.Equal(CommandType.Cancel, c.Type);
        Assert.Equal((1, 0, 1L), (c.Account, c.Market, c.OrderId));
    }

    [Theory]
    [InlineData(""","price":101,"qty":3""", CommandFlags.HasPrice | CommandFlags.HasQuantity, 101, 3)]
    [InlineData(""","price":101""", CommandFlags.HasPrice, 101, 0)]
    [InlineData(""","qty":3""", CommandFlags.HasQuantity, 0, 3)]
    [InlineData("", CommandFlags.None, 0, 0)]
    public void TryRead_Amend_FlagsFollowTheFieldsGiven(string fields, CommandFlags flags, long price, long quantity)
    {
        Command c = Read($$"""{"cmd":"amend","account":"U1","market":"BTC-USDC","id":"o1"{{fields}}}""");

        Assert.Equal(CommandType.Amend, c.Type);
        Assert.Equal((flags, price, quantity), (c.Flags, c.Price, c.Quantity));
    }

    [Fact]
    public void TryRead_MassCancel_MarketIsOptional()
    {
        Read("""{"cmd":"market","market":"A-B","base":"A","quote":"B","tickSize":1,"lotSize":1}""");
        Command all = Read("""{"cmd":"massCancel","account":"U1"}""");
        Command one = Read("""{"cmd":"massCancel","account":"U1","market":"C-D"}""");

        Assert.Equal((CommandType.MassCancel, CommandFlags.None), (all.Type, all.Flags));
        Assert.Equal((CommandFlags.HasMarket, 1), (one.Flags, one.Market));
    }

    [Fact]
    public void TryRead_ReferenceAuctionBookBalance_MapToTheirTypes()
    {
        Command reference = Read("""{"cmd":"reference","market":"BTC-USDC","bid":99,"ask":101}""");
        Command auction = Read("""{"cmd":"auction","market":"BTC-USDC"}""");
        Command book = Read("""{"cmd":"book","market":"BTC-USDC"}""");
        Command balance = Read("""{"cmd":"balance","account":"fees","asset":"USDC"}""");

        Assert.Equal((CommandType.Reference, 99L, 101L), (reference.Type, reference.Bid, reference.Ask));
        Assert.Equal((CommandType.Auction, 0), (auction.Type, auction.Market));
        Assert.Equal((CommandType.QueryBook, 0), (book.Type, book.Market));
        Assert.Equal((CommandType.QueryBalance, 0, 0), (balance.Type, balance.Account, balance.Asset));
    }

    [Fact]
    public void TryRead_FailedLine_InternsNothing()
    {
        var reader = new JsonCommandReader(_names);

        Assert.False(reader.TryRead("""{"cmd":"place","account":"X","market":"Y","id":"z","side":"up","price":1,"qty":1}""", out _, out _));
        Command c = Read("""{"cmd":"place","account":"U1","market":"M","id":"o1","side":"buy","price":1,"qty":1}""");

        Assert.Equal((1, 0, 1L), (c.Account, c.Market, c.OrderId));
    }
}
