namespace DarkPool.Engine.Internal;

/// <summary>
/// One market's resting orders. A book is a data structure only: the matching policy (what a trade
/// moves, self-trade prevention, budgets) lives in the engine and reaches the book through
/// <see cref="IMatchHandler"/>, so the reference and the fast book differ in structure, never in rules.
/// Orders are keyed by (account, client order id); the engine guarantees keys are unique.
/// </summary>
internal interface IOrderBook
{
    /// <summary>Live orders on the book.</summary>
    int OrderCount { get; }

    /// <summary>A handle to the live order (account, id), or 0; valid until the book next changes.</summary>
    int Find(int account, long orderId);

    /// <summary>The order behind a handle from <see cref="Find"/>.</summary>
    ref readonly OrderData Get(int handle);

    /// <summary>True when a resting order on the other side would trade with a limit order at this price.</summary>
    bool WouldCross(Side side, long price);

    /// <summary>Live pegged orders on one side.</summary>
    int PegCount(Side side);

    /// <summary>Live orders (both sides) with a minimum quantity: when there are none, matching never skips.</summary>
    int MinQuantityCount { get; }

    /// <summary>
    /// Offers resting contra limit orders, best first, to the handler until it stops, the taker is done
    /// or the taker no longer crosses (<see cref="Taker.Limit"/>).
    /// </summary>
    void Match(ref Taker taker, IMatchHandler handler);

    /// <summary>Offers the contra side's pegged orders, in time priority, to the handler until it stops or the taker is done.</summary>
    void MatchPegs(ref Taker taker, IMatchHandler handler);

    /// <summary>Shows one side's pegged orders in time priority, without changing them.</summary>
    void ScanPegs(Side side, IContraVisitor visitor);

    /// <summary>Sets a pegged order's price (its hold price) and hold; it keeps its place in the peg queue.</summary>
    void Reprice(int handle, long price, long hold);

    /// <summary>Shows resting contra orders that the taker crosses, best first, without changing them.</summary>
    void Scan(in Taker taker, IContraVisitor visitor);

    /// <summary>Rests an order at the back of its price level, or of its side's peg queue when it is pegged.</summary>
    void Add(in OrderData order);

    /// <summary>
    /// Moves a limit order to the back of the level at <paramref name="price"/> with a new remaining quantity,
    /// hold and arrival sequence (it loses priority). The caller has checked that it does not cross.
    /// </summary>
    void Move(int handle, long price, long remaining, long hold, long sequence);

    /// <summary>Removes the order behind a handle.</summary>
    void Remove(int handle);

    /// <summary>Lowers an order's remaining quantity and hold; it keeps its place in the queue.</summary>
    void Reduce(int handle, long remaining, long hold);

    /// <summary>Removes all of an account's orders, handing each to the sink in arrival-sequence order.</summary>
    void RemoveAll(int account, IOrderSink sink);

    /// <summary>Writes aggregated levels of one side, best first; returns how many there are (may exceed the span).</summary>
    int CopyLevels(Side side, Span<BookLevel> destination);

    /// <summary>
    /// Shows every order in canonical order: bids best to worst, then bid pegs, then asks best to worst,
    /// then ask pegs, each queue in time order.
    /// </summary>
    void VisitAll(IContraVisitor visitor);

    /// <summary>Checks the structure's own invariants; throws <see cref="EngineConsistencyException"/> on the first breach.</summary>
    void CheckConsistency();
}
