using DarkPool.Perf.V1;
using Grpc.Core;

namespace DarkPool.LoadGen.Tests.Support;

/// <summary>Echo that holds each call a moment and records the most calls it had running at once.</summary>
internal sealed class CountingEcho : Echo.EchoBase
{
    private int _running;
    private int _maxRunning;

    public int MaxRunning => Volatile.Read(ref _maxRunning);

    public override async Task<EchoMessage> Unary(EchoMessage request, ServerCallContext context)
    {
        int running = Interlocked.Increment(ref _running);
        int max;
        while (running > (max = Volatile.Read(ref _maxRunning)) && Interlocked.CompareExchange(ref _maxRunning, running, max) != max)
        {
        }

        // Long enough that a client sending more streams than allowed would have them overlap here.
        await Task.Delay(2, context.CancellationToken);
        _ = Interlocked.Decrement(ref _running);
        return request;
    }
}
