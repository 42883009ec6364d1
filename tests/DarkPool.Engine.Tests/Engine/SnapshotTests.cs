using System.Buffers;
using System.Buffers.Binary;
using CsCheck;
using DarkPool.Testing;

namespace DarkPool.Engine.Tests.Engine;

/// <summary>Snapshots rebuild the same state (same hash, same future), and damaged bytes are refused with a typed error.</summary>
public sealed class SnapshotTests
{
    private static byte[] Snapshot(MatchingEngine engine)
    {
        var buffer = new ArrayBufferWriter<byte>();
        engine.WriteSnapshot(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private static MatchingEngine Run(BookKind kind, RecordingSink sink, IEnumerable<Command> commands)
    {
        var engine = new MatchingEngine(CommandGen.Options(kind), sink);
        foreach (Command c in CommandGen.Prelude().Concat(commands))
        {
            engine.Execute(c);
        }

        return engine;
    }

    [Fact]
    public void WriteSnapshot_ThenRestoreAtRandomPoints_SameHashAndSameFuture()
    {
        Gen.Select(CommandGen.Stream(600), Gen.Int[0, 600], Gen.Bool).Sample((commands, cut, otherBook) =>
        {
            var sink = new RecordingSink();
            MatchingEngine original = Run(BookKind.Fast, sink, commands.Take(cut));
            byte[] bytes = Snapshot(original);

            // The state hash the snapshot records (fed while the books are written) is ComputeStateHash's own walk's.
            Assert.Equal(original.ComputeStateHash(), BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(bytes.Length - 16)));

            var restoredSink = new RecordingSink();
            BookKind kind = otherBook ? BookKind.Reference : BookKind.Fast;
            Assert.True(MatchingEngine.TryRestore(CommandGen.Options(kind), restoredSink, bytes, out MatchingEngine? restored, out SnapshotError error), error.ToString());
            Assert.Equal(original.ComputeStateHash(), restored.ComputeStateHash());
            Assert.Equal(bytes, Snapshot(restored));

            // The restored engine behaves exactly like the original from here on.
            foreach (Command c in commands.Skip(cut))
            {
                sink.Clear();
                restoredSink.Clear();
                original.Execute(c);
                restored.Execute(c);
                Assert.Equal(sink.Events.Select(e => EventText.Format(e)), restoredSink.Events.Select(e => EventText.Format(e)));
            }

            Assert.Equal(original.ComputeStateHash(), restored.ComputeStateHash());
            restored.CheckConsistency();
        }, iter: 200);
    }

    [Fact]
    public void CopyStateTo_TheImageWritesTheSnapshotOfTheMomentOfTheCopy_WhileTheOriginalGoesOn()
    {
        Gen.Select(CommandGen.Stream(600), Gen.Int[1, 200].Array[1, 4]).Sample((commands, steps) =>
        {
            var engine = new MatchingEngine(CommandGen.Options(BookKind.Fast), new RecordingSink());
            var image = new MatchingEngine(engine.Options, new RecordingSink()); // reused by every copy, as the enclave does
            using IEnumerator<Command> next = CommandGen.Prelude().Concat(commands).GetEnumerator();
            foreach (int step in steps)
            {
                for (int i = 0; i < step && next.MoveNext(); i++)
                {
                    engine.Execute(next.Current);
                }

                engine.CopyStateTo(image);
                byte[] atCopy = Snapshot(engine);
                Assert.Equal(atCopy, Snapshot(image));
                Assert.Equal(engine.ComputeStateHash(), image.ComputeStateHash());
                image.CheckConsistency();

                // The original goes on; the image still holds the moment of the copy.
                for (int i = 0; i < 50 && next.MoveNext(); i++)
                {
                    engine.Execute(next.Current);
                }

                Assert.Equal(atCopy, Snapshot(image));
            }
        }, iter: 200);
    }

    /// <summary>
    /// A copy into an image the engine prepared (even while a preparation raced the engine) allocates nothing: it
    /// replaces none of the image's arrays and adds no market (a market is a book of arrays), which is all
    /// <see cref="MatchingEngine.CopyStateTo"/> can allocate. That is read from the objects themselves, every array the
    /// image holds (found by reflection) being the same instance after the copy. The thread's allocated-bytes counter is
    /// not used here: the runtime sometimes charges a thread a few kilobytes of its own in the middle of a long copy
    /// (seen in this test, 1,272–8,104 bytes during one <c>Array.Copy</c> of a price window, in 2 or 3 of 50 copies
    /// with other tests allocating beside it, while no array was allocated: dotnet/runtime#13502, #63487), which failed
    /// CI once when this test asserted zero bytes.
    /// </summary>
    [Fact]
    public void PrepareImage_RacingTheEngine_ThenTheCopyReplacesNoArray_AndWritesTheSameSnapshot()
    {
        Gen.Select(CommandGen.Stream(600), Gen.Int[100, 600]).Sample((commands, cut) =>
        {
            var engine = new MatchingEngine(CommandGen.Options(BookKind.Fast), new RecordingSink());
            var image = new MatchingEngine(engine.Options, new RecordingSink());
            List<Command> all = [.. CommandGen.Prelude(), .. commands];

            // Prepared from another thread while the engine executes (it reads only market lists and array lengths).
            using var stop = new CancellationTokenSource();
            Task preparing = Task.Run(() =>
            {
                while (!stop.IsCancellationRequested)
                {
                    engine.PrepareImage(image);
                }
            });
            foreach (Command c in all.Take(cut))
            {
                engine.Execute(c);
            }

            stop.Cancel();
            preparing.Wait();

            engine.PrepareImage(image);
            HashSet<Array> arraysBefore = ArraysHeldBy(image);
            engine.CopyStateTo(image);
            HashSet<Array> arraysAfter = ArraysHeldBy(image);
            Assert.True(arraysAfter.SetEquals(arraysBefore),
                $"the copy replaced {arraysAfter.Except(arraysBefore).Count()} of the image's {arraysBefore.Count} arrays");
            Assert.Equal(Snapshot(engine), Snapshot(image));
        }, iter: 50);
    }

    /// <summary>The probe is not blind: a copy after the engine's arrays grew replaces the image's.</summary>
    [Fact]
    public void ArraysHeldBy_ACopyAfterTheEngineGrew_SeesTheReplacedArrays()
    {
        MatchingEngine engine = Run(BookKind.Fast, new RecordingSink(), []);
        MatchingEngine image = engine.CreateImage();
        engine.CopyStateTo(image);
        HashSet<Array> first = ArraysHeldBy(image);
        RestFortyBuys(engine);

        engine.CopyStateTo(image);
        HashSet<Array> second = ArraysHeldBy(image);
        Assert.True(second.Except(first).Count() >= 3, $"replaced: {second.Except(first).Count()}"); // slots, links, index at least
        Assert.Equal(40, engine.GetOrderCount(0));
        Assert.Equal(Snapshot(engine), Snapshot(image));
    }

    /// <summary>
    /// <see cref="MatchingEngine.IsImageReady"/> says exactly when a copy would allocate: not for a fresh image, yes once
    /// prepared, not after the book grew past the image's arrays, yes once prepared again; and it changes nothing.
    /// </summary>
    [Fact]
    public void IsImageReady_TrueExactlyWhenTheCopyWouldReplaceNoArray()
    {
        MatchingEngine engine = Run(BookKind.Fast, new RecordingSink(), []);
        MatchingEngine image = engine.CreateImage();
        Assert.False(engine.IsImageReady(image)); // no markets yet
        HashSet<Array> unprepared = ArraysHeldBy(image);
        Assert.False(engine.IsImageReady(image));
        Assert.True(ArraysHeldBy(image).SetEquals(unprepared), "the check changed the image");

        engine.PrepareImage(image);
        Assert.True(engine.IsImageReady(image));
        RestFortyBuys(engine);

        HashSet<Array> beforeCheck = ArraysHeldBy(image); // the ledger is shaped now: this check walks the books
        Assert.False(engine.IsImageReady(image));
        Assert.True(ArraysHeldBy(image).SetEquals(beforeCheck), "the check changed the image's books");
        engine.PrepareImage(image);
        Assert.True(engine.IsImageReady(image));
        HashSet<Array> prepared = ArraysHeldBy(image);
        engine.CopyStateTo(image);
        Assert.True(ArraysHeldBy(image).SetEquals(prepared), "a copy into a ready image replaced arrays");
        Assert.Equal(Snapshot(engine), Snapshot(image));

        // Neither itself, an engine of other options, nor the reference book kind (never copied) is a ready image.
        Assert.False(engine.IsImageReady(engine));
        Assert.False(engine.IsImageReady(new MatchingEngine(CommandGen.Options(BookKind.Fast), new RecordingSink())));
        var reference = new MatchingEngine(CommandGen.Options(BookKind.Reference), new RecordingSink());
        Assert.False(reference.IsImageReady(reference.CreateImage()));
    }

    /// <summary>Forty resting buys at their own prices, five times the orders the options expect: the book's arrays grow.</summary>
    private static void RestFortyBuys(MatchingEngine engine)
    {
        for (long id = 1; id <= 40; id++)
        {
            engine.Execute(Command.Limit(1, 0, id, Side.Buy, 10 + id, 1));
        }
    }

    /// <summary>Every array reachable from <paramref name="engine"/> through the engine assembly's own objects, by identity.</summary>
    private static HashSet<Array> ArraysHeldBy(MatchingEngine engine)
    {
        var arrays = new HashSet<Array>(ReferenceEqualityComparer.Instance);
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<object>();
        pending.Push(engine);
        while (pending.TryPop(out object? current))
        {
            if (!seen.Add(current))
            {
                continue;
            }

            if (current is Array array)
            {
                arrays.Add(array);
                if (!array.GetType().GetElementType()!.IsValueType)
                {
                    foreach (object? element in array)
                    {
                        if (element is not null && OwnedByTheEngine(element))
                        {
                            pending.Push(element);
                        }
                    }
                }

                continue;
            }

            for (Type? type = current.GetType(); type is not null; type = type.BaseType)
            {
                foreach (System.Reflection.FieldInfo field in type.GetFields(System.Reflection.BindingFlags.Instance |
                    System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.DeclaredOnly))
                {
                    if (field.GetValue(current) is { } value && OwnedByTheEngine(value)) // structs too, boxed: their arrays are the same
                    {
                        pending.Push(value);
                    }
                }
            }
        }

        return arrays;
    }

    /// <summary>The engine's own objects and structs, and arrays of them or of primitives (not the test's event sink).</summary>
    private static bool OwnedByTheEngine(object value)
    {
        Type type = value is Array array ? array.GetType().GetElementType()! : value.GetType();
        return type.Assembly == typeof(MatchingEngine).Assembly || (value is Array && (type.IsPrimitive || type.IsArray));
    }

    [Fact]
    public void CopyStateTo_ItselfOtherOptionsOrReferenceBooks_Refused()
    {
        var engine = new MatchingEngine(CommandGen.Options(BookKind.Fast), new RecordingSink());
        var reference = new MatchingEngine(CommandGen.Options(BookKind.Reference), new RecordingSink());

        Assert.Throws<ArgumentException>(() => engine.CopyStateTo(engine));
        Assert.Throws<ArgumentException>(() => engine.CopyStateTo(new MatchingEngine(CommandGen.Options(BookKind.Fast), new RecordingSink())));
        Assert.True(engine.CanCopyState);
        Assert.False(reference.CanCopyState);
        Assert.Throws<NotSupportedException>(() => reference.CopyStateTo(new MatchingEngine(reference.Options, new RecordingSink())));
    }

    [Fact]
    public void WriteSnapshot_LargerThanTheStagingBlock_SameBytesThroughAnyBufferWriter_AndRestores()
    {
        // 3,000 resting orders (about 165 KB): the writer stages fields in 16 KiB blocks, so the snapshot crosses many.
        var sink = new RecordingSink();
        var engine = new MatchingEngine(CommandGen.Options(BookKind.Fast), sink);
        engine.Execute(Command.NewMarket(0, baseAsset: 0, quoteAsset: 1, tickSize: 1, lotSize: 1));
        for (int account = 1; account < 16; account++)
        {
            engine.Execute(Command.DepositFunds(account, 0, 1_000_000));
            engine.Execute(Command.DepositFunds(account, 1, 1_000_000_000));
        }

        for (int i = 0; i < 3_000; i++)
        {
            Side side = (i & 1) == 0 ? Side.Buy : Side.Sell;
            long price = side == Side.Buy ? 1_000 - (i % 400) : 1_001 + (i % 400);
            engine.Execute(Command.Limit(1 + (i % 15), 0, 1 + i, side, price, 1 + (i % 7)));
        }

        Assert.DoesNotContain(sink.Events, e => e.Type == EventType.Rejected);
        byte[] bytes = Snapshot(engine);
        Assert.True(bytes.Length > 10 * 16 * 1024, $"{bytes.Length} bytes");

        var stingy = new StingyWriter();
        engine.WriteSnapshot(stingy);
        Assert.Equal(bytes, stingy.Written.ToArray());
        Assert.Equal(bytes, Snapshot(engine)); // the staging block is reused from the pool: no stale bytes
        Assert.True(MatchingEngine.TryRestore(CommandGen.Options(BookKind.Reference), new RecordingSink(), bytes, out MatchingEngine? restored, out SnapshotError error), error.ToString());
        Assert.Equal(engine.ComputeStateHash(), restored.ComputeStateHash());
    }

    /// <summary>A buffer writer that never offers more room than asked for (at least 1 byte), in fresh arrays.</summary>
    private sealed class StingyWriter : IBufferWriter<byte>
    {
        private byte[] _current = [];

        public List<byte> Written { get; } = [];

        public void Advance(int count) => Written.AddRange(_current.AsSpan(0, count).ToArray());

        public Memory<byte> GetMemory(int sizeHint = 0) => _current = new byte[Math.Max(1, sizeHint)];

        public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;
    }

    [Fact]
    public void TryRestore_EveryTruncation_RefusedTruncated()
    {
        byte[] bytes = Snapshot(Run(BookKind.Fast, new RecordingSink(), CommandGen.Stream(300).Single()));
        for (int length = 0; length < bytes.Length; length++)
        {
            Assert.False(MatchingEngine.TryRestore(CommandGen.Options(BookKind.Fast), new RecordingSink(), bytes.AsSpan(0, length), out _, out SnapshotError error));
            Assert.Equal(SnapshotError.Truncated, error);
        }

        byte[] longer = [.. bytes, 0];
        Assert.False(MatchingEngine.TryRestore(CommandGen.Options(BookKind.Fast), new RecordingSink(), longer, out _, out SnapshotError trailing));
        Assert.Equal(SnapshotError.Truncated, trailing);
    }

    [Fact]
    public void TryRestore_AnyByteChanged_Refused()
    {
        byte[] bytes = Snapshot(Run(BookKind.Fast, new RecordingSink(), CommandGen.Stream(300).Single()));
        for (int i = 0; i < bytes.Length; i++)
        {
            byte[] damaged = (byte[])bytes.Clone();
            damaged[i] ^= (byte)(1 << (i % 8));
            Assert.False(MatchingEngine.TryRestore(CommandGen.Options(BookKind.Fast), new RecordingSink(), damaged, out _, out SnapshotError error));
            Assert.NotEqual(SnapshotError.None, error);
        }
    }

    [Fact]
    public void TryRestore_WrongMagicOrVersion_RefusedByName()
    {
        byte[] bytes = Snapshot(Run(BookKind.Fast, new RecordingSink(), []));
        byte[] magic = (byte[])bytes.Clone();
        magic[0] ^= 0xFF;
        Assert.False(MatchingEngine.TryRestore(CommandGen.Options(BookKind.Fast), new RecordingSink(), magic, out _, out SnapshotError notSnapshot));
        Assert.Equal(SnapshotError.NotASnapshot, notSnapshot);
        byte[] version = (byte[])bytes.Clone();
        version[4] = 99;
        Assert.False(MatchingEngine.TryRestore(CommandGen.Options(BookKind.Fast), new RecordingSink(), version, out _, out SnapshotError unsupported));
        Assert.Equal(SnapshotError.UnsupportedVersion, unsupported);
    }

    [Fact]
    public void TryRestore_UnderSmallerOptions_RefusedInvalidField()
    {
        byte[] bytes = Snapshot(Run(BookKind.Fast, new RecordingSink(), CommandGen.Stream(200).Single()));
        var fewerAssets = new EngineOptions { MaxAccounts = 16, MaxAssets = 3, MaxMarkets = 4 };
        Assert.False(MatchingEngine.TryRestore(fewerAssets, new RecordingSink(), bytes, out _, out SnapshotError error));
        Assert.Equal(SnapshotError.InvalidField, error);
    }
}
