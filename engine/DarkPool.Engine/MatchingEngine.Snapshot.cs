using System.Buffers;
using System.Runtime.CompilerServices;
using DarkPool.Engine.Internal;

namespace DarkPool.Engine;

/// <summary>
/// Snapshots: the whole engine state as bytes, and an engine rebuilt from them with the same state hash.
/// The format is in docs/ENGINE.md ("Snapshots"); the enclave seals it and journals the commands after it.
/// </summary>
public sealed partial class MatchingEngine
{
    private const int SnapshotMagic = 0x53455044; // "DPES" little-endian
    private const int SnapshotVersion = 1;
    private const OrderFlags KnownFlags = OrderFlags.PostOnly | OrderFlags.Pegged | OrderFlags.Capped | OrderFlags.Ioc;

    /// <summary>Writes the whole state; <see cref="TryRestore"/> rebuilds an engine with the same <see cref="ComputeStateHash"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // once per snapshot, in the sequencer's pause: no tier-0 code there
    public void WriteSnapshot(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var w = new SnapshotWriter(output);
        w.Int32(SnapshotMagic);
        w.Int32(SnapshotVersion);
        w.Int64(_sequence);
        w.Int64(_latest);
        w.Int32(_options.MaxAssets);
        _ledger.WriteTo(w);
        w.Int32(_marketsById.Length);

        // Each market's fields, then its orders, written during the state hash's own walk of the books; the hash is
        // recorded after the markets.
        w.Int64(HashWalk(m => WriteMarket(w, m), new SnapshotOrderWriter(w)));
        w.Int64(w.Checksum);
        w.Flush();
    }

    /// <summary>Whether <see cref="CopyStateTo"/> can copy this engine's state (its books are the fast kind).</summary>
    public bool CanCopyState => _options.Book != BookKind.Reference;

    /// <summary>
    /// Makes <paramref name="image"/> hold this engine's state as it is now, so that the image's <see cref="WriteSnapshot"/>
    /// and <see cref="ComputeStateHash"/> give what this engine's give now, while this one goes on executing. The copy is
    /// of flat arrays (a few milliseconds for a large book, against the walk of every order that writing the snapshot is):
    /// the enclave copies in its pause of intake and writes from the image off the sequencer (docs/STORAGE.md).
    /// <paramref name="image"/> is an engine made by <see cref="CreateImage"/> (or with this engine's <see cref="Options"/>,
    /// the same instance) that is only ever copied into; it keeps its arrays from one copy to the next.
    /// </summary>
    /// <exception cref="ArgumentException">The image is this engine or has other options.</exception>
    /// <exception cref="NotSupportedException">The books are the reference kind (<see cref="CanCopyState"/>).</exception>
    public void CopyStateTo(MatchingEngine image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (ReferenceEquals(image, this) || !ReferenceEquals(image._options, _options))
        {
            throw new ArgumentException("The image must be another engine made with this engine's options.", nameof(image));
        }

        if (!CanCopyState)
        {
            throw new NotSupportedException("Only the fast order book's state can be copied.");
        }

        image._sequence = _sequence;
        image._latest = _latest;
        image._now = _now;
        _ledger.CopyTo(image._ledger);
        foreach (Market market in _marketsById)
        {
            Market target = image.ImageOf(market);
            target.CopyReferenceFrom(market);
            ((FastOrderBook)market.Book).CopyTo((FastOrderBook)target.Book);
        }
    }

    /// <summary>
    /// Makes <paramref name="image"/> ready for the next <see cref="CopyStateTo"/> without copying any state: it gets every
    /// market this engine has and arrays of this engine's lengths, each page written once, so that the copy neither
    /// allocates nor faults in fresh memory (measured: 15 ms of a first copy's 15.3 ms on the development VM). Unlike
    /// everything else here, this may run on another thread while this engine executes: it reads only the market list
    /// and the lengths of arrays (a racing resize at worst leaves the copy to allocate). Never at the same time as a
    /// <see cref="CopyStateTo"/> into the same image, or another preparation of it.
    /// </summary>
    public void PrepareImage(MatchingEngine image) => _ = ShapeImage(image, checkOnly: false);

    /// <summary>
    /// Whether a <see cref="CopyStateTo"/> into <paramref name="image"/> now would allocate nothing: it has every market
    /// of this engine and arrays of this engine's lengths (what <see cref="PrepareImage"/> gives it). Changes nothing;
    /// on this engine's thread, like the copy (the enclave asks before a snapshot, and prepares the image again first
    /// when the book grew since the last preparation). False for the reference book kind, which is never copied.
    /// </summary>
    public bool IsImageReady(MatchingEngine image) => ShapeImage(image, checkOnly: true);

    /// <summary>
    /// <see cref="PrepareImage"/>'s and <see cref="IsImageReady"/>'s walk: gives <paramref name="image"/> this engine's
    /// markets and array lengths, or with <paramref name="checkOnly"/> only compares them; whether it had them all
    /// already. Nothing for an image that is not one of this engine's (itself, other options, reference books).
    /// </summary>
    private bool ShapeImage(MatchingEngine image, bool checkOnly)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (ReferenceEquals(image, this) || !ReferenceEquals(image._options, _options) || !CanCopyState)
        {
            return false;
        }

        bool same = _ledger.ShapeTo(image._ledger, checkOnly);
        foreach (Market market in _marketsById) // a racing AddMarket replaces the array whole: the old one or the new one
        {
            if ((checkOnly ? image._markets[market.Id] : image.ImageOf(market)) is not { } target)
            {
                return false;
            }

            same &= ((FastOrderBook)market.Book).ShapeTo((FastOrderBook)target.Book, checkOnly);
        }

        return same;
    }

    /// <summary>
    /// An engine to copy this one's state into (<see cref="CopyStateTo"/>): the same options, and its events, which it
    /// never has since it never executes a command, go nowhere.
    /// </summary>
    public MatchingEngine CreateImage() => new(_options, NullSink.Instance);

    /// <summary>This image's market for <paramref name="market"/> of the engine it copies, added with the same definition the first time.</summary>
    private Market ImageOf(Market market) => _markets[market.Id] ?? AddMarket(market.Id, market.BaseAsset, market.QuoteAsset,
        market.TickSize, market.LotSize, market.MakerFeeBps, market.TakerFeeBps, market.Mode, market.MaxReferenceAge);

    /// <summary>A market's fields in the snapshot, its order count last (its orders follow).</summary>
    private static void WriteMarket(SnapshotWriter w, Market m)
    {
        w.Int32(m.Id);
        w.Int32(m.BaseAsset);
        w.Int32(m.QuoteAsset);
        w.Int64(m.TickSize);
        w.Int64(m.LotSize);
        w.Int32(m.MakerFeeBps);
        w.Int32(m.TakerFeeBps);
        w.Byte((byte)m.Mode);
        w.Int64(m.MaxReferenceAge);
        w.Byte(m.HasReference ? (byte)1 : (byte)0);
        w.Int64(m.ReferenceBid);
        w.Int64(m.ReferenceAsk);
        w.Int64(m.ReferenceObservedAt);
        w.Int32(m.Book.OrderCount);
    }

    /// <summary>
    /// Rebuilds an engine from <see cref="WriteSnapshot"/>'s bytes, under <paramref name="options"/>
    /// (which may choose another book kind: the state hash is the same). Every field is range-checked, the
    /// result must pass <see cref="CheckConsistency"/> and reproduce the recorded state hash.
    /// </summary>
    public static bool TryRestore(EngineOptions options, IEventSink sink, ReadOnlySpan<byte> snapshot,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MatchingEngine? engine, out SnapshotError error)
    {
        var candidate = new MatchingEngine(options, sink);
        var r = new SnapshotReader(snapshot);
        engine = null;
        if (r.Int32() != SnapshotMagic)
        {
            error = r.Truncated ? SnapshotError.Truncated : SnapshotError.NotASnapshot;
            return false;
        }

        if (r.Int32() != SnapshotVersion)
        {
            error = r.Truncated ? SnapshotError.Truncated : SnapshotError.UnsupportedVersion;
            return false;
        }

        try
        {
            error = candidate.ReadState(ref r);
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException or OverflowException or InvalidOperationException)
        {
            // Damaged bytes that pass every field's own range check can still be inconsistent with each other (the
            // checksum is only known after reading); the half-built candidate is discarded and the damage is named.
            error = SnapshotError.InvalidField;
            return false;
        }

        long recordedHash = r.Int64();
        long expectedChecksum = r.Checksum;
        long recordedChecksum = r.Int64();
        if (error == SnapshotError.None && (r.Truncated || r.Remaining != 0))
        {
            error = SnapshotError.Truncated;
        }

        if (error == SnapshotError.None && recordedChecksum != expectedChecksum)
        {
            error = SnapshotError.ChecksumMismatch;
        }

        if (error != SnapshotError.None)
        {
            return false;
        }

        try
        {
            candidate.CheckConsistency();
        }
        catch (EngineConsistencyException)
        {
            error = SnapshotError.Inconsistent;
            return false;
        }

        if (candidate.ComputeStateHash() != recordedHash)
        {
            error = SnapshotError.HashMismatch;
            return false;
        }

        engine = candidate;
        return true;
    }

    private SnapshotError ReadState(ref SnapshotReader r)
    {
        _sequence = r.Int64();
        _latest = r.Int64();
        if (r.Int32() != _options.MaxAssets || _sequence < 0)
        {
            return r.Truncated ? SnapshotError.Truncated : SnapshotError.InvalidField;
        }

        SnapshotError ledger = _ledger.ReadFrom(ref r, _options.MaxAccounts);
        if (ledger != SnapshotError.None)
        {
            return ledger;
        }

        int markets = r.Int32();
        if (markets < 0 || markets > _markets.Length)
        {
            return r.Truncated ? SnapshotError.Truncated : SnapshotError.InvalidField;
        }

        for (int i = 0; i < markets; i++)
        {
            SnapshotError error = ReadMarket(ref r);
            if (error != SnapshotError.None)
            {
                return error;
            }
        }

        return r.Truncated ? SnapshotError.Truncated : SnapshotError.None;
    }

    private SnapshotError ReadMarket(ref SnapshotReader r)
    {
        int id = r.Int32();
        int baseAsset = r.Int32();
        int quoteAsset = r.Int32();
        long tick = r.Int64();
        long lot = r.Int64();
        int maker = r.Int32();
        int taker = r.Int32();
        var mode = (MarketMode)r.Byte();
        long maxAge = r.Int64();
        byte hasReference = r.Byte();
        long bid = r.Int64();
        long ask = r.Int64();
        long observedAt = r.Int64();
        int orders = r.Int32();
        if (r.Truncated)
        {
            return SnapshotError.Truncated;
        }

        if ((uint)id >= (uint)_markets.Length || _markets[id] is not null || !IsAsset(baseAsset) || !IsAsset(quoteAsset)
            || baseAsset == quoteAsset || tick <= 0 || lot <= 0 || (uint)maker > FeeMath.MaxBps || (uint)taker > FeeMath.MaxBps
            || mode > MarketMode.Auction || maxAge < 0 || orders < 0 || hasReference > 1
            || (hasReference == 0 && (bid | ask | observedAt) != 0))
        {
            return SnapshotError.InvalidField;
        }

        if (orders > r.Remaining / SnapshotOrderWriter.Size)
        {
            return SnapshotError.Truncated;
        }

        Market market = AddMarket(id, baseAsset, quoteAsset, tick, lot, maker, taker, mode, maxAge);
        if (hasReference == 1)
        {
            if (bid <= 0 || ask <= 0)
            {
                return SnapshotError.InvalidField;
            }

            market.SetReference(bid, ask, observedAt);
        }

        for (int i = 0; i < orders; i++)
        {
            OrderData order = SnapshotOrderWriter.Read(ref r);
            if (r.Truncated)
            {
                return SnapshotError.Truncated;
            }

            if (!IsAccount(order.Account) || order.Side is not (Side.Buy or Side.Sell) || order.Stp > StpMode.Decrement
                || order.Remaining <= 0 || order.Hold < 0 || order.MinQuantity < 0 || order.Sequence <= 0
                || order.Sequence > _sequence || (order.Flags & ~KnownFlags) != 0 || ContainsLiveOrder(order.Account, order.OrderId)
                || (order.IsPegged ? order.Price < 0 : !market.IsValidPrice(order.Price)))
            {
                return SnapshotError.InvalidField;
            }

            market.Book.Add(order);
        }

        return SnapshotError.None;
    }

    /// <summary>One order's fields in a fixed 55-byte record.</summary>
    private sealed class SnapshotOrderWriter(SnapshotWriter w) : IContraVisitor
    {
        public const int Size = (6 * 8) + 4 + 3;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public bool Visit(in OrderData o)
        {
            w.Int64(o.OrderId);
            w.Int64(o.Price);
            w.Int64(o.Remaining);
            w.Int64(o.Hold);
            w.Int64(o.Sequence);
            w.Int64(o.MinQuantity);
            w.Int32(o.Account);
            w.Byte((byte)o.Side);
            w.Byte((byte)o.Stp);
            w.Byte((byte)o.Flags);
            return true;
        }

        public static OrderData Read(ref SnapshotReader r) => new()
        {
            OrderId = r.Int64(),
            Price = r.Int64(),
            Remaining = r.Int64(),
            Hold = r.Int64(),
            Sequence = r.Int64(),
            MinQuantity = r.Int64(),
            Account = r.Int32(),
            Side = (Side)r.Byte(),
            Stp = (StpMode)r.Byte(),
            Flags = (OrderFlags)r.Byte(),
        };
    }
}
