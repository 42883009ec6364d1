using DarkPool.Engine;

namespace DarkPool.Testing;

/// <summary>
/// Runs an engine one command at a time, returns that command's events, and checks the engine's
/// internal consistency after every command.
/// </summary>
public sealed class EngineDriver
{
    public const int Btc = 0;
    public const int Usdc = 1;
    public const int Eth = 2;
    public const int BtcUsdc = 0;
    public const int EthUsdc = 1;

    public EngineDriver(BookKind kind, EngineOptions? options = null)
    {
        Sink = new RecordingSink();
        Engine = new MatchingEngine(options ?? new EngineOptions { Book = kind, ExpectedAccounts = 8, ExpectedOrdersPerMarket = 16 }, Sink);
    }

    public MatchingEngine Engine { get; }

    public RecordingSink Sink { get; }

    /// <summary>Market 0 (BTC/USDC, tick 1, lot 1, no fees) and market 1 (ETH/USDC), accounts 1..4 funded.</summary>
    public static EngineDriver WithMarkets(BookKind kind, int makerFeeBps = 0, int takerFeeBps = 0)
    {
        var driver = new EngineDriver(kind);
        driver.Run(Command.NewMarket(BtcUsdc, Btc, Usdc, tickSize: 1, lotSize: 1, makerFeeBps, takerFeeBps));
        driver.Run(Command.NewMarket(EthUsdc, Eth, Usdc, tickSize: 1, lotSize: 1));
        for (int account = 1; account <= 4; account++)
        {
            driver.Run(Command.DepositFunds(account, Btc, 1_000));
            driver.Run(Command.DepositFunds(account, Eth, 1_000));
            driver.Run(Command.DepositFunds(account, Usdc, 1_000_000));
        }

        return driver;
    }

    public List<EngineEvent> Run(Command command)
    {
        Sink.Clear();
        Engine.Execute(command);
        Engine.CheckConsistency();
        return [.. Sink.Events];
    }

    public long Available(int account, int asset) => Engine.GetAvailable(account, asset);

    public long Held(int account, int asset) => Engine.GetHeld(account, asset);

    public (BookLevel[] Bids, BookLevel[] Asks) Book(int market)
    {
        Sink.Clear();
        Engine.Execute(Command.BookQuery(market));
        var (_, bids, asks) = Sink.Books.Single();
        return (bids, asks);
    }
}
