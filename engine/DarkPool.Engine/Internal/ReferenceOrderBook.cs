namespace DarkPool.Engine.Internal;

/// <summary>
/// The reference book, written for obviousness rather than speed: a sorted dictionary of price levels
/// per side, each level a linked list in time order, and a dictionary from (account, id) to the order.
/// It is the oracle the fast book is compared against, command by command.
/// </summary>
internal sealed class ReferenceOrderBook : IOrderBook
{
    private readonly SortedDictionary<long, LinkedList<Resting>> _bids = new(Comparer<long>.Create((a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<long, LinkedList<Resting>> _asks = new();
    private readonly Dictionary<(int Account, long OrderId), LinkedListNode<Resting>> _index = [];
    private readonly Dictionary<int, LinkedListNode<Resting>> _handles = [];
    private readonly LinkedList<Resting> _bidPegs = new();
    private readonly LinkedList<Resting> _askPegs = new();
    private int _nextHandle;

    public int OrderCount => _index.Count;

    public int MinQuantityCount { get; private set; }

    public int PegCount(Side side) => (side == Side.Buy ? _bidPegs : _askPegs).Count;

    public int Find(int account, long orderId) =>
        _index.TryGetValue((account, orderId), out LinkedListNode<Resting>? node) ? node.Value.Handle : 0;

    public ref readonly OrderData Get(int handle) => ref _handles[handle].Value.Data;

    public bool WouldCross(Side side, long price)
    {
        if (side == Side.Buy)
        {
            return _asks.Count > 0 && _asks.First().Key <= price;
        }

        return _bids.Count > 0 && _bids.First().Key >= price;
    }

    public void Match(ref Taker taker, IMatchHandler handler)
    {
        SortedDictionary<long, LinkedList<Resting>> contra = taker.Order.Side == Side.Buy ? _asks : _bids;
        long? previous = taker.HasFrom ? taker.From : null;
        while (true)
        {
            // The best level still on the book that is worse than the last one walked.
            KeyValuePair<long, LinkedList<Resting>> level = contra
                .FirstOrDefault(l => previous is null || contra.Comparer.Compare(l.Key, previous.Value) > 0);
            if (level.Value is null || !taker.Crosses(level.Key) || !Walk(level.Value, ref taker, handler))
            {
                return;
            }

            previous = level.Key;
        }
    }

    public void MatchPegs(ref Taker taker, IMatchHandler handler) =>
        Walk(taker.Order.Side == Side.Buy ? _askPegs : _bidPegs, ref taker, handler);

    public void ScanPegs(Side side, IContraVisitor visitor)
    {
        foreach (Resting order in side == Side.Buy ? _bidPegs : _askPegs)
        {
            if (!visitor.Visit(order.Data))
            {
                return;
            }
        }
    }

    public void Reprice(int handle, long price, long hold)
    {
        Resting order = _handles[handle].Value;
        order.Data.Price = price;
        order.Data.Hold = hold;
    }

    /// <summary>Offers a queue's orders in time order; returns false when matching must stop.</summary>
    private bool Walk(LinkedList<Resting> queue, ref Taker taker, IMatchHandler handler)
    {
        LinkedListNode<Resting>? node = queue.First;
        while (node is not null)
        {
            LinkedListNode<Resting>? next = node.Next;
            bool goOn = handler.OnResting(ref taker, ref node.Value.Data);
            if (node.Value.Data.Remaining == 0)
            {
                Unlink(node);
            }

            if (!goOn || taker.Order.Remaining == 0)
            {
                return false;
            }

            node = next;
        }

        return true;
    }

    public void Scan(in Taker taker, IContraVisitor visitor)
    {
        SortedDictionary<long, LinkedList<Resting>> contra = taker.Order.Side == Side.Buy ? _asks : _bids;
        long from = taker.From;
        bool hasFrom = taker.HasFrom;
        foreach (KeyValuePair<long, LinkedList<Resting>> level in contra.Where(l => !hasFrom || contra.Comparer.Compare(l.Key, from) > 0))
        {
            if (!taker.Crosses(level.Key))
            {
                return;
            }

            foreach (Resting order in level.Value)
            {
                if (!visitor.Visit(order.Data))
                {
                    return;
                }
            }
        }
    }

    public void Add(in OrderData order)
    {
        SortedDictionary<long, LinkedList<Resting>> side = order.Side == Side.Buy ? _bids : _asks;
        LinkedList<Resting>? level;
        if (order.IsPegged)
        {
            level = order.Side == Side.Buy ? _bidPegs : _askPegs;
        }
        else if (!side.TryGetValue(order.Price, out level))
        {
            level = new LinkedList<Resting>();
            side.Add(order.Price, level);
        }

        var resting = new Resting { Data = order, Handle = ++_nextHandle };
        LinkedListNode<Resting> node = level.AddLast(resting);
        MinQuantityCount += order.MinQuantity != 0 ? 1 : 0;
        _index.Add((order.Account, order.OrderId), node);
        _handles.Add(resting.Handle, node);
    }

    public void Remove(int handle) => Unlink(_handles[handle]);

    public void Move(int handle, long price, long remaining, long hold, long sequence)
    {
        OrderData order = _handles[handle].Value.Data;
        Remove(handle);
        order.Price = price;
        order.Remaining = remaining;
        order.Hold = hold;
        order.Sequence = sequence;
        Add(order);
    }

    public void Reduce(int handle, long remaining, long hold)
    {
        Resting order = _handles[handle].Value;
        order.Data.Remaining = remaining;
        order.Data.Hold = hold;
    }

    public void RemoveAll(int account, IOrderSink sink)
    {
        var mine = _index.Values.Where(n => n.Value.Data.Account == account).OrderBy(n => n.Value.Data.Sequence).ToList();
        foreach (LinkedListNode<Resting> node in mine)
        {
            OrderData data = node.Value.Data;
            Unlink(node);
            sink.OnRemoved(data);
        }
    }

    public int CopyLevels(Side side, Span<BookLevel> destination)
    {
        int i = 0;
        foreach (KeyValuePair<long, LinkedList<Resting>> level in side == Side.Buy ? _bids : _asks)
        {
            if (i < destination.Length)
            {
                destination[i] = new BookLevel(level.Key, level.Value.Sum(o => o.Data.Remaining), level.Value.Count);
            }

            i++;
        }

        return i;
    }

    public void VisitAll(IContraVisitor visitor)
    {
        IEnumerable<LinkedList<Resting>> queues = _bids.Values.Append(_bidPegs).Concat(_asks.Values).Append(_askPegs);
        foreach (LinkedList<Resting> queue in queues)
        {
            foreach (Resting order in queue)
            {
                visitor.Visit(order.Data);
            }
        }
    }

    public void CheckConsistency()
    {
        int count = 0;
        foreach (SortedDictionary<long, LinkedList<Resting>> side in new[] { _bids, _asks })
        {
            foreach (KeyValuePair<long, LinkedList<Resting>> level in side)
            {
                if (level.Value.Count == 0)
                {
                    throw new EngineConsistencyException("Reference book: an empty level was left behind.");
                }

                foreach (Resting order in level.Value)
                {
                    count++;
                    if (order.Data.IsPegged || order.Data.Price != level.Key || (side == _bids) != (order.Data.Side == Side.Buy))
                    {
                        throw new EngineConsistencyException("Reference book: an order sits at the wrong level.");
                    }

                    if (!_index.TryGetValue((order.Data.Account, order.Data.OrderId), out var node) || node.Value != order)
                    {
                        throw new EngineConsistencyException("Reference book: the index does not point at a resting order.");
                    }
                }
            }
        }

        foreach ((LinkedList<Resting> pegs, Side side) in new[] { (_bidPegs, Side.Buy), (_askPegs, Side.Sell) })
        {
            foreach (Resting order in pegs)
            {
                count++;
                if (!order.Data.IsPegged || order.Data.Side != side
                    || !_index.TryGetValue((order.Data.Account, order.Data.OrderId), out var node) || node.Value != order)
                {
                    throw new EngineConsistencyException("Reference book: a peg queue holds a wrong or unindexed order.");
                }
            }
        }

        IEnumerable<LinkedList<Resting>> queues = _bids.Values.Concat(_asks.Values).Append(_bidPegs).Append(_askPegs);
        if (queues.Any(q => q.Zip(q.Skip(1)).Any(pair => pair.First.Data.Sequence >= pair.Second.Data.Sequence)))
        {
            throw new EngineConsistencyException("Reference book: a queue is not in time order.");
        }

        if (MinQuantityCount != _index.Values.Count(n => n.Value.Data.MinQuantity != 0))
        {
            throw new EngineConsistencyException("Reference book: the count of orders with a minimum quantity is wrong.");
        }

        if (count != _index.Count || count != _handles.Count)
        {
            throw new EngineConsistencyException("Reference book: the index holds orders that are not on the book.");
        }
    }

    private void Unlink(LinkedListNode<Resting> node)
    {
        OrderData data = node.Value.Data;
        LinkedList<Resting> level = node.List!;
        level.Remove(node);
        if (level.Count == 0 && !data.IsPegged)
        {
            (data.Side == Side.Buy ? _bids : _asks).Remove(data.Price);
        }

        _index.Remove((data.Account, data.OrderId));
        _handles.Remove(node.Value.Handle);
        MinQuantityCount -= data.MinQuantity != 0 ? 1 : 0;
    }

    private sealed class Resting
    {
        public OrderData Data;
        public int Handle;
    }
}
