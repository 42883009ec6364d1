using DarkPool.Engine.Internal;
using DarkPool.Testing;
using static DarkPool.Testing.EngineDriver;

namespace DarkPool.Engine.Tests.Internal;

/// <summary>
/// The fast book keeps a window level that empties in its slot and uses it again (SideLevels): at most
/// <see cref="SideLevels.KeptEmptyLimit"/> per side, all returned when the window moves or grows. Every command runs
/// through both books with the consistency check after it (EngineDriver.Run), and the two must end in the same state.
/// </summary>
public sealed class KeptLevelsTests
{
    private readonly EngineDriver _fast = WithMarkets(BookKind.Fast);
    private readonly EngineDriver _reference = WithMarkets(BookKind.Reference);

    [Fact]
    public void MorePricesThanTheLimit_EmptiedThenUsedAgain_KeepsAtMostTheLimit_AndMatchesTheReference()
    {
        const int prices = SideLevels.KeptEmptyLimit + 904;
        Both(Command.DepositFunds(1, Btc, prices));
        Both(Command.DepositFunds(2, Usdc, 100_000_000));
        for (int i = 0; i < prices; i++)
        {
            Both(Command.Limit(1, BtcUsdc, 1 + i, Side.Sell, 10_000 + i, 1));
        }

        Assert.Equal((0, 0), _fast.Engine.KeptEmptyLevels(BtcUsdc));
        for (int i = 0; i < prices; i++)
        {
            Both(Command.CancelOrder(1, BtcUsdc, 1 + i));
        }

        // Kept up to the limit; the rest went back to the pool.
        Assert.Equal((0, SideLevels.KeptEmptyLimit), _fast.Engine.KeptEmptyLevels(BtcUsdc));

        // Every price again, kept level or new one alike, then a buy that sweeps them best first.
        for (int i = 0; i < prices; i++)
        {
            Both(Command.Limit(1, BtcUsdc, 10_000 + i, Side.Sell, 10_000 + ((i * 7) % prices), 1));
        }

        Assert.Equal((0, 0), _fast.Engine.KeptEmptyLevels(BtcUsdc));
        Both(Command.Limit(2, BtcUsdc, 1, Side.Buy, 10_000 + 99, 100));
        Assert.Equal((0, 100), _fast.Engine.KeptEmptyLevels(BtcUsdc));
        Assert.Equal(_reference.Book(BtcUsdc), _fast.Book(BtcUsdc), BookComparer.Instance);
        Assert.Equal(_reference.Engine.ComputeStateHash(), _fast.Engine.ComputeStateHash());
    }

    [Fact]
    public void WindowRecentredWhileLevelsAreKept_ReturnsThem_AndOldPricesGoFar()
    {
        for (int i = 0; i < 50; i++)
        {
            Both(Command.Limit(1, BtcUsdc, 1 + i, Side.Buy, 1_000 + i, 1));
        }

        for (int i = 0; i < 50; i++)
        {
            Both(Command.CancelOrder(1, BtcUsdc, 1 + i));
        }

        Assert.Equal((50, 0), _fast.Engine.KeptEmptyLevels(BtcUsdc));

        // The bid window holds no order: a price far outside it re-centres it, and the kept levels go back to the pool.
        Both(Command.DepositFunds(1, Usdc, 10_000_000));
        Both(Command.Limit(1, BtcUsdc, 100, Side.Buy, 3_000_000, 1));
        Assert.Equal((0, 0), _fast.Engine.KeptEmptyLevels(BtcUsdc));

        // The old prices are now beyond the window's reach (the far ladder), and still trade in price order.
        for (int i = 0; i < 10; i++)
        {
            Both(Command.Limit(3, BtcUsdc, 200 + i, Side.Buy, 1_000 + (i * 3), 1));
        }

        Both(Command.Limit(2, BtcUsdc, 1, Side.Sell, 1_000, 5));
        Assert.Equal(_reference.Book(BtcUsdc), _fast.Book(BtcUsdc), BookComparer.Instance);
        Assert.Equal(_reference.Engine.ComputeStateHash(), _fast.Engine.ComputeStateHash());
    }

    [Fact]
    public void WindowGrownWhileLevelsAreKept_ReturnsThem_AndKeepsEveryOccupiedLevel()
    {
        for (int i = 0; i < 40; i++)
        {
            Both(Command.Limit(1, BtcUsdc, 1 + i, Side.Sell, 50_000 + (i * 10), 1));
        }

        for (int i = 0; i < 40; i += 2)
        {
            Both(Command.CancelOrder(1, BtcUsdc, 1 + i));
        }

        Assert.Equal((0, 20), _fast.Engine.KeptEmptyLevels(BtcUsdc));

        // Still-occupied levels and a price beyond the initial window but within reach: the window grows.
        Both(Command.Limit(2, BtcUsdc, 1, Side.Sell, 50_000 + SideLevels.InitialSpan + 1_000, 1));
        Assert.Equal((0, 0), _fast.Engine.KeptEmptyLevels(BtcUsdc));

        // Amends across the grown window, some onto the old prices, and a sweep.
        for (int i = 1; i < 40; i += 2)
        {
            Both(Command.AmendOrder(1, BtcUsdc, 1 + i, 50_000 + ((i - 1) * 10), null));
        }

        Both(Command.Limit(3, BtcUsdc, 1, Side.Buy, 50_000 + SideLevels.InitialSpan + 1_000, 25));
        Assert.Equal(_reference.Book(BtcUsdc), _fast.Book(BtcUsdc), BookComparer.Instance);
        Assert.Equal(_reference.Engine.ComputeStateHash(), _fast.Engine.ComputeStateHash());
    }

    private void Both(Command command)
    {
        List<EngineEvent> fast = _fast.Run(command);
        List<EngineEvent> reference = _reference.Run(command);
        Assert.Equal(reference, fast);
    }

    private sealed class BookComparer : IEqualityComparer<(BookLevel[] Bids, BookLevel[] Asks)>
    {
        public static readonly BookComparer Instance = new();

        public bool Equals((BookLevel[] Bids, BookLevel[] Asks) x, (BookLevel[] Bids, BookLevel[] Asks) y) =>
            x.Bids.SequenceEqual(y.Bids) && x.Asks.SequenceEqual(y.Asks);

        public int GetHashCode((BookLevel[] Bids, BookLevel[] Asks) obj) => obj.Bids.Length ^ obj.Asks.Length;
    }
}
