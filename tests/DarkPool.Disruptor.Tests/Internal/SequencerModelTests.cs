using CsCheck;
using DarkPool.Disruptor.Internal;

namespace DarkPool.Disruptor.Tests.Internal;

public sealed class SequencerModelTests
{
    private const int BufferSize = 8;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TryNext_RandomClaimsAndConsumption_MatchesCapacityModel(bool multi)
    {
        Gen.Select(Gen.Bool, Gen.Int[1, BufferSize]).Array[1, 200].Sample(operations =>
        {
            Sequencer sequencer = multi
                ? new MultiProducerSequencer(BufferSize, new BusySpinWaitStrategy())
                : new SingleProducerSequencer(BufferSize, new BusySpinWaitStrategy());
            var gating = new Sequence();
            sequencer.AddGatingSequences([gating]);
            long claimed = -1;
            long consumed = -1;
            foreach ((bool claim, int n) in operations)
            {
                if (claim)
                {
                    bool fits = claimed + n - consumed <= BufferSize;
                    Assert.Equal(fits, sequencer.HasAvailableCapacity(n));
                    Assert.Equal(fits, sequencer.TryNext(n, out long hi));
                    if (fits)
                    {
                        Assert.Equal(claimed + n, hi);
                        sequencer.Publish(claimed + 1, hi);
                        claimed = hi;
                    }
                }
                else
                {
                    consumed = Math.Min(claimed, consumed + n);
                    gating.SetValue(consumed);
                }

                Assert.Equal(BufferSize - (claimed - consumed), sequencer.RemainingCapacity());
                Assert.Equal(claimed, sequencer.Cursor.Value);
                Assert.Equal(claimed, sequencer.GetHighestPublishedSequence(consumed + 1, claimed));
                for (long sequence = Math.Max(0, claimed - BufferSize + 1); sequence <= claimed; sequence++)
                {
                    Assert.True(sequencer.IsAvailable(sequence), $"{sequence} published but not available");
                }

                Assert.False(sequencer.IsAvailable(claimed + 1));
            }
        });
    }
}
