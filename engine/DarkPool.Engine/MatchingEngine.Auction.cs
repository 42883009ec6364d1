using System.Runtime.CompilerServices;
using DarkPool.Engine.Internal;

namespace DarkPool.Engine;

/// <summary>
/// Periodic batch auctions: an auction market only collects orders; the auction command uncrosses it at
/// one price for everybody (<see cref="ClearingPrice"/>), allocates by price then time, and cancels what
/// is left of IOC orders. The trigger (a timer with a random end) stays outside the engine.
/// </summary>
public sealed partial class MatchingEngine
{
    private readonly AuctionBook _auction = new();

    /// <summary>
    /// Sizes the uncross's working set for a book of <paramref name="orders"/> live orders (at most one level
    /// each, as the fast book assumes): the participant copies and the level copies. Called when an auction
    /// market is created, so that the first uncross after start-up neither allocates nor pays for growing
    /// arrays of a hundred thousand orders by doubling, which took longer than the uncross itself.
    /// </summary>
    private void PresizeAuction(int orders)
    {
        _auction.EnsureCapacity(orders);
        EnsureCapacity(ref _bidLevels, orders);
        EnsureCapacity(ref _askLevels, orders);
    }

    private static void EnsureCapacity(ref BookLevel[] levels, int count)
    {
        if (levels.Length < count)
        {
            levels = new BookLevel[count];
        }
    }

    private void Uncross(in Command c)
    {
        if (!TryGetMarket(c.Market, out Market? market))
        {
            Reject(c, RejectReason.UnknownMarket);
            return;
        }

        if (market.Mode != MarketMode.Auction)
        {
            Reject(c, RejectReason.Unsupported);
            return;
        }

        SetCurrent(market);
        IOrderBook book = market.Book;
        _mid = market.UsableMid(_now);
        int bids = CopyLevels(book, Side.Buy, ref _bidLevels);
        int asks = CopyLevels(book, Side.Sell, ref _askLevels);
        _auction.SumPegs(this, book);
        long executed = 0;
        if (ClearingPrice.TryFind(_bidLevels.AsSpan(0, bids), _askLevels.AsSpan(0, asks), _auction.PegBuy, _auction.PegSell,
                _mid, market.TickSize, out long price, out _))
        {
            _auction.CollectParticipants(this, book, price);
            executed = Allocate(price);
            WriteBack(market);
        }
        else
        {
            price = 0;
        }

        CancelWaitingIocs(market);
        _sink.OnEvent(new EngineEvent
        {
            Type = EventType.Uncrossed,
            Command = _commandType,
            Market = market.Id,
            Price = price,
            Quantity = executed,
        });
    }

    /// <summary>
    /// Pairs buyers and sellers in priority order, every fill at the clearing price. An account is never
    /// paired with itself and a pair below either order's minimum is skipped; both may leave volume
    /// unexecuted. Skipped pairs are tried again while fills keep lowering the minimums that blocked them.
    /// </summary>
    /// <remarks>
    /// Compiled fully optimised at its first call (the warm-up's), like <see cref="WriteBack(Market, Span{OrderData})"/>:
    /// it runs once per auction, so tiered compilation would leave it unoptimised for the first thirty
    /// auctions and compile its loop on the fly inside the first large one (docs/PERFORMANCE.md).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private long Allocate(long price)
    {
        Span<OrderData> buyers = _auction.Buyers;
        Span<OrderData> sellers = _auction.Sellers;
        long executed = 0;
        bool again = true;
        while (again)
        {
            again = false;
            bool skipped = false;
            long before = executed;
            int firstSeller = 0;
            for (int i = 0; i < buyers.Length; i++)
            {
                ref OrderData buyer = ref buyers[i];
                for (int k = firstSeller; k < sellers.Length && buyer.Remaining != 0; k++)
                {
                    ref OrderData seller = ref sellers[k];
                    if (seller.Remaining == 0)
                    {
                        continue;
                    }

                    long quantity = Math.Min(buyer.Remaining, seller.Remaining);
                    if (buyer.Account == seller.Account || !MeetsMinimums(buyer, seller, quantity))
                    {
                        skipped = true;
                        continue;
                    }

                    // Nobody takes liquidity in an auction: both sides pay the maker fee.
                    Fill(ref buyer, ref seller, price, quantity, _current.MakerFeeBps, _current.MakerFeeBps, trimTaker: true);
                    executed += quantity;
                }

                while (firstSeller < sellers.Length && sellers[firstSeller].Remaining == 0)
                {
                    firstSeller++;
                }
            }

            again = skipped && executed != before;
        }

        return executed;
    }

    /// <summary>Writes the participants back: filled orders leave (their leftover hold released), the rest keep their place.</summary>
    private void WriteBack(Market market)
    {
        WriteBack(market, _auction.Buyers);
        WriteBack(market, _auction.Sellers);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteBack(Market market, Span<OrderData> orders)
    {
        IOrderBook book = market.Book;
        foreach (ref OrderData order in orders)
        {
            int handle = book.Find(order.Account, order.OrderId);
            ref readonly OrderData before = ref book.Get(handle);
            if (order.Remaining == 0)
            {
                ReleaseAll(ref order, market.HeldAsset(order.Side));
                book.Remove(handle);
            }
            else if (order.Remaining != before.Remaining || order.Hold != before.Hold)
            {
                book.Reduce(handle, order.Remaining, order.Hold);
            }
        }
    }

    /// <summary>IOC orders waited for one auction only: what is left of them is cancelled, in arrival order.</summary>
    private void CancelWaitingIocs(Market market)
    {
        IOrderBook book = market.Book;
        _pegs.CollectIoc(book);
        for (int i = 0; i < _pegs.Count; i++)
        {
            int handle = book.Find(_pegs.Accounts[i], _pegs.OrderIds[i]);
            OrderData order = book.Get(handle);
            book.Remove(handle);
            long released = order.Remaining;
            ReleaseAll(ref order, market.HeldAsset(order.Side));
            EmitOrderEvent(EventType.Cancelled, order, released, CancelReason.Unfilled);
        }
    }
}
