using CsCheck;
using DarkPool.Testing;

namespace DarkPool.Engine.Tests.Engine;

/// <summary>
/// The fast engine allocates nothing in steady state, whatever the command mix. Steady state means no new
/// high-water mark: more live orders, more accounts or a wider price span than seen before grow arrays,
/// by design (see docs/ENGINE.md).
/// </summary>
public sealed class AllocationTests
{
    [Fact]
    public void Execute_LongMixedStreamAfterWarmUp_AllocatesZeroBytes()
    {
        (long allocated, long events) = Measure(BookKind.Fast, 300_000);
        Assert.Equal(0, allocated);
        Assert.True(events > 300_000, "the measured stream must do real work");
    }

    /// <summary>The probe is not blind: the reference book, built from collections, does allocate.</summary>
    [Fact]
    public void Execute_ReferenceBook_AllocationIsMeasured()
    {
        (long allocated, _) = Measure(BookKind.Reference, 20_000);
        Assert.True(allocated > 0);
    }

    private static (long Allocated, long Events) Measure(BookKind kind, int length)
    {
        var sink = new CountingSink();
        var options = new EngineOptions
        {
            Book = kind,
            MaxAccounts = 16,
            MaxAssets = 4,
            MaxMarkets = 4,
            ExpectedAccounts = 16,
            ExpectedOrdersPerMarket = 1_024,
        };
        var engine = new MatchingEngine(options, sink);
        foreach (Command c in CommandGen.Prelude())
        {
            engine.Execute(c);
        }

        Command[] warmUp = CommandGen.SteadyState.Array[200_000].Single();
        Command[] measured = CommandGen.SteadyState.Array[length].Single();
        for (int i = 0; i < warmUp.Length; i++)
        {
            engine.Execute(warmUp[i]);
        }

        long eventsBefore = sink.Events;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < measured.Length; i++)
        {
            engine.Execute(measured[i]);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        engine.CheckConsistency();
        return (allocated, sink.Events - eventsBefore);
    }
}
