using DarkPool.Client;
using DarkPool.Protocol.Messages;

namespace DarkPool.Cli.Demo;

/// <summary>Counts the fills the market maker's event stream delivers (events no request of its own caused: request id 0).</summary>
internal sealed class MakerFills
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public async Task ReadAsync(DarkPoolClient maker, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (DecodedResponse e in maker.EventsAsync(cancellationToken).ConfigureAwait(false))
            {
                if (e.Kind == ResponseKind.OrderFilled && e.ClientRequestId == 0)
                {
                    Interlocked.Increment(ref _count);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The demo is done reading.
        }
    }

    /// <summary>Waits until <paramref name="expected"/> fills have arrived; false when <paramref name="patience"/> ran out first.</summary>
    public async Task<bool> WaitForAsync(int expected, TimeSpan patience, CancellationToken cancellationToken)
    {
        DateTime until = DateTime.UtcNow + patience;
        while (Count < expected && DateTime.UtcNow < until)
        {
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        return Count >= expected;
    }
}
