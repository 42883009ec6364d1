using System.Runtime.InteropServices;

namespace DarkPool.Disruptor.Tests;

public sealed class SequenceTests
{
    [Fact]
    public void Value_NewSequence_IsInitialValue()
    {
        Assert.Equal(-1, new Sequence().Value);
        Assert.Equal(Sequence.InitialValue, new Sequence().Value);
        Assert.Equal(41, new Sequence(41).Value);
    }

    [Fact]
    public void SetValue_ThenValue_ReturnsStoredValue()
    {
        var sequence = new Sequence();
        sequence.SetValue(7);
        Assert.Equal(7, sequence.Value);
        sequence.SetValueVolatile(9);
        Assert.Equal(9, sequence.Value);
    }

    [Fact]
    public void CompareAndSet_ExpectedMatches_ReplacesAndReturnsTrue()
    {
        var sequence = new Sequence(3);
        Assert.True(sequence.CompareAndSet(3, 4));
        Assert.Equal(4, sequence.Value);
    }

    [Fact]
    public void CompareAndSet_ExpectedDiffers_KeepsValueAndReturnsFalse()
    {
        var sequence = new Sequence(3);
        Assert.False(sequence.CompareAndSet(2, 4));
        Assert.Equal(3, sequence.Value);
    }

    [Fact]
    public void AddAndGet_ConcurrentIncrements_LoseNothing()
    {
        var sequence = new Sequence(0);
        Parallel.For(0, 4, _ =>
        {
            for (int i = 0; i < 100_000; i++)
            {
                if ((i & 1) == 0)
                {
                    sequence.IncrementAndGet();
                }
                else
                {
                    sequence.AddAndGet(1);
                }
            }
        });

        Assert.Equal(400_000, sequence.Value);
    }

    [Fact]
    public void Layout_Sequence_IsPaddedToTwoCacheLines()
    {
        StructLayoutAttribute? layout = typeof(Sequence).StructLayoutAttribute;
        Assert.NotNull(layout);
        Assert.Equal(LayoutKind.Explicit, layout.Value);
        Assert.Equal(128, layout.Size);
    }
}
