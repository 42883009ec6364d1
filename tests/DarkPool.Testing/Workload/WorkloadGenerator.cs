using System.Runtime.InteropServices;
using DarkPool.Engine;

namespace DarkPool.Testing.Workload;

/// <summary>
/// Writes an exchange-core style command stream while keeping its own exact model of the book, so that
/// cancels and moves always name live orders. Passive prices are drawn around the mid and never cross;
/// trades come from IOC orders, a share of aggressive GTC places and a share of crossing moves. IOC sizes
/// follow the book size (larger when the book is above its target), which keeps the book near its
/// target; the side of aggressive flow leans against the mid's drift, which keeps prices near the centre.
/// </summary>
internal sealed class WorkloadGenerator
{
    private const int CrossingCandidates = 2;
    private readonly ExchangeCoreWorkloadOptions _o;
    private readonly SimulatedBook _book;
    private readonly long _lowPrice;
    private readonly long _highPrice;
    private SplitMix64 _rng;
    private long _nextOrderId = 1;
    private long _minWritten = long.MaxValue;
    private long _maxWritten = long.MinValue;
    private int _lastTrades;

    public WorkloadGenerator(ExchangeCoreWorkloadOptions options)
    {
        options.Validate();
        _o = options;
        _rng = new SplitMix64(options.Seed);
        _lowPrice = options.CenterPrice - (4L * options.PriceWidth);
        _highPrice = options.CenterPrice + (4L * options.PriceWidth);
        _book = new SimulatedBook(_lowPrice - 16, _highPrice + 16);
    }

    public ExchangeCoreWorkload Run()
    {
        var prelude = new List<Command>(1 + (2 * _o.Accounts) + _o.TargetOrders)
        {
            Command.NewMarket(ExchangeCoreWorkload.MarketId, ExchangeCoreWorkload.BaseAsset, ExchangeCoreWorkload.QuoteAsset,
                tickSize: 1, lotSize: 1, _o.MakerFeeBps, _o.TakerFeeBps),
        };

        for (int account = 1; account <= _o.Accounts; account++)
        {
            prelude.Add(Command.DepositFunds(account, ExchangeCoreWorkload.QuoteAsset, _o.QuoteDeposit));
            prelude.Add(Command.DepositFunds(account, ExchangeCoreWorkload.BaseAsset, _o.BaseDeposit));
        }

        while (_book.OrderCount < _o.TargetOrders)
        {
            prelude.Add(Gtc(aggressive: false));
        }

        for (int i = 0; i < prelude.Count; i++)
        {
            CollectionsMarshal.AsSpan(prelude)[i].Timestamp = i;
        }

        var commands = new Command[_o.Commands];
        var stats = new Counters { MinOrders = int.MaxValue };
        double gtcUpTo = _o.GtcShare;
        double iocUpTo = gtcUpTo + _o.IocShare;
        double cancelUpTo = iocUpTo + _o.CancelShare;
        for (int i = 0; i < commands.Length; i++)
        {
            _lastTrades = 0;
            double u = _rng.NextDouble();
            ref Command c = ref commands[i];
            if (u < gtcUpTo || _book.OrderCount == 0)
            {
                c = Gtc(aggressive: _rng.Chance(_o.AggressiveGtcShare));
                stats.Gtc++;
            }
            else if (u < iocUpTo)
            {
                c = Ioc();
                stats.Ioc++;
            }
            else if (u < cancelUpTo)
            {
                c = Cancel();
                stats.Cancels++;
            }
            else
            {
                c = Move(crossing: _rng.Chance(_o.CrossingMoveShare));
                stats.Moves++;
            }

            c.Timestamp = prelude.Count + i;
            stats.Add(_book, _lastTrades);
        }

        return new ExchangeCoreWorkload(_o, [.. prelude], commands, stats.ToStatistics(commands.Length, _book, (_minWritten, _maxWritten)));
    }

    private Command Gtc(bool aggressive)
    {
        Side side = aggressive ? AggressorSide() : PassiveSide();
        long price = aggressive && !_book.IsEmpty(Opposite(side)) ? CrossingPrice(side) : PassivePrice(side);
        long quantity = NextQuantity();
        int account = NextAccount();
        long id = _nextOrderId++;
        Execute(account, id, side, price, quantity, rest: true);
        return Command.Limit(account, ExchangeCoreWorkload.MarketId, id, side, price, quantity, TimeInForce.Gtc);
    }

    private Command Ioc()
    {
        Side side = AggressorSide();
        Side contra = Opposite(side);
        long price;
        long quantity;
        if (_book.IsEmpty(contra))
        {
            price = PassivePrice(side);
            quantity = NextQuantity();
        }
        else
        {
            // At the target size take part of the best order; when the book is too full take whole orders,
            // when too thin only a sliver: this is the feedback that holds the book near its target.
            double deviation = (_book.OrderCount - _o.TargetOrders) / (double)_o.TargetOrders;
            double orders = Math.Clamp(0.5 + (10.0 * deviation), 0.02, 4.0);
            quantity = _book.QuantityToTake(contra, orders, out price);
        }

        int account = NextAccount();
        long id = _nextOrderId++;
        Execute(account, id, side, price, quantity, rest: false);
        return Command.Limit(account, ExchangeCoreWorkload.MarketId, id, side, price, quantity, TimeInForce.Ioc);
    }

    private Command Cancel()
    {
        int slot = _book.LiveSlot(_rng.NextInt(_book.OrderCount));
        var c = Command.CancelOrder(_book.Account(slot), ExchangeCoreWorkload.MarketId, _book.OrderId(slot));
        _book.Remove(slot);
        return c;
    }

    private Command Move(bool crossing)
    {
        int slot = _book.LiveSlot(_rng.NextInt(_book.OrderCount));
        if (crossing)
        {
            // Move an order of the side that should be aggressive, the smaller of two such: a small order
            // crossing takes one resting order rather than a level. Give up after a few tries.
            Side wanted = AggressorSide();
            int found = -1;
            for (int tries = 0; tries < 16 && (found < 0 || tries < CrossingCandidates); tries++)
            {
                int candidate = _book.LiveSlot(_rng.NextInt(_book.OrderCount));
                if (_book.SideOf(candidate) == wanted && (found < 0 || _book.Remaining(candidate) < _book.Remaining(found)))
                {
                    found = candidate;
                }
            }

            slot = found >= 0 ? found : slot;
        }

        int account = _book.Account(slot);
        long id = _book.OrderId(slot);
        Side side = _book.SideOf(slot);
        long oldPrice = _book.Price(slot);
        long quantity = _book.Remaining(slot);
        _book.Remove(slot);
        long price = crossing && !_book.IsEmpty(Opposite(side)) ? CrossingPrice(side) : PassivePrice(side);
        if (price == oldPrice)
        {
            // A move changes the price; one tick further from the mid is still passive.
            price = side == Side.Buy ? price - 1 : price + 1;
        }

        Execute(account, id, side, price, quantity, rest: true);
        return Command.AmendOrder(account, ExchangeCoreWorkload.MarketId, id, price, null);
    }

    private void Execute(int account, long id, Side side, long price, long quantity, bool rest)
    {
        _minWritten = Math.Min(_minWritten, price);
        _maxWritten = Math.Max(_maxWritten, price);
        _lastTrades = _book.Match(account, side, price, ref quantity);
        if (rest && quantity > 0)
        {
            _book.Rest(account, id, side, price, quantity);
        }
    }

    /// <summary>A price that does not cross: at or behind the mid, a nested-uniform distance away.</summary>
    private long PassivePrice(Side side)
    {
        long reference = Reference();
        int distance = _rng.NextNested(_o.PriceWidth);
        if (side == Side.Buy)
        {
            long anchor = _book.IsEmpty(Side.Sell) ? reference : Math.Min(reference, _book.BestPrice(Side.Sell) - 1);
            return Math.Max(anchor - distance, _lowPrice);
        }
        else
        {
            long anchor = _book.IsEmpty(Side.Buy) ? reference : Math.Max(reference, _book.BestPrice(Side.Buy) + 1);
            return Math.Min(anchor + distance, _highPrice);
        }
    }

    /// <summary>
    /// Exactly the opposite best: a crossing order takes from one level only. Every trading GTC or move
    /// removes at least one order (the taker or what it took), and the 3% of places left over after
    /// cancels is all there is to remove, so sweeping deeper would cost trades.
    /// </summary>
    private long CrossingPrice(Side side) => _book.BestPrice(Opposite(side));

    /// <summary>The mid when both sides have orders, else the last trade, else the centre.</summary>
    private long Reference()
    {
        if (!_book.IsEmpty(Side.Buy) && !_book.IsEmpty(Side.Sell))
        {
            return (_book.BestPrice(Side.Buy) + _book.BestPrice(Side.Sell)) / 2;
        }

        return _book.LastTradePrice != 0 ? _book.LastTradePrice : _o.CenterPrice;
    }

    /// <summary>Buy or sell, leaning against the mid's distance from the centre.</summary>
    private Side AggressorSide()
    {
        double lean = Math.Clamp((Reference() - _o.CenterPrice) / (2.0 * _o.PriceWidth), -0.25, 0.25);
        return _rng.Chance(0.5 - lean) ? Side.Buy : Side.Sell;
    }

    /// <summary>Buy or sell, leaning towards the thinner side.</summary>
    private Side PassiveSide()
    {
        double buys = _book.Orders(Side.Buy);
        double sells = _book.Orders(Side.Sell);
        return _rng.Chance((sells + 1) / (buys + sells + 2)) ? Side.Buy : Side.Sell;
    }

    private long NextQuantity() => 1 + (_rng.NextInt(10) * _rng.NextInt(10));

    private int NextAccount() => 1 + _rng.NextInt(_o.Accounts);

    private static Side Opposite(Side side) => side == Side.Buy ? Side.Sell : Side.Buy;

    private struct Counters
    {
        public int Gtc;
        public int Ioc;
        public int Cancels;
        public int Moves;
        public int Trading;
        public long Trades;
        public long OrdersSum;
        public long LevelsSum;
        public int MinOrders;
        public int MaxOrders;

        public void Add(SimulatedBook book, int trades)
        {
            Trading += trades > 0 ? 1 : 0;
            Trades += trades;
            OrdersSum += book.OrderCount;
            LevelsSum += book.LevelCount;
            MinOrders = Math.Min(MinOrders, book.OrderCount);
            MaxOrders = Math.Max(MaxOrders, book.OrderCount);
        }

        public readonly WorkloadStatistics ToStatistics(int commands, SimulatedBook book, (long, long) priceRange) => new()
        {
            Commands = commands,
            GtcPlaces = Gtc,
            IocPlaces = Ioc,
            Cancels = Cancels,
            Moves = Moves,
            TradingCommands = Trading,
            Trades = Trades,
            AverageRestingOrders = commands == 0 ? book.OrderCount : (double)OrdersSum / commands,
            AverageLevels = commands == 0 ? book.LevelCount : (double)LevelsSum / commands,
            MinRestingOrders = commands == 0 ? book.OrderCount : MinOrders,
            MaxRestingOrders = commands == 0 ? book.OrderCount : MaxOrders,
            PriceRange = priceRange,
            FinalRestingOrders = book.OrderCount,
        };
    }
}
