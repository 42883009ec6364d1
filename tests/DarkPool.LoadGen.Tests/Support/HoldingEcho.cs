using DarkPool.Perf.V1;
using Grpc.Core;

namespace DarkPool.LoadGen.Tests.Support;

/// <summary>Echo that never answers: each call is held until the server aborts it; tests wait until calls have arrived.</summary>
internal sealed class HoldingEcho : Echo.EchoBase
{
    private readonly Lock _gate = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> _waits = [];
    private int _arrived;

    /// <summary>Completes once <paramref name="count"/> calls have arrived.</summary>
    public Task Arrived(int count)
    {
        lock (_gate)
        {
            if (_arrived >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waits.Add((count, reached));
            return reached.Task;
        }
    }

    public override async Task<EchoMessage> Unary(EchoMessage request, ServerCallContext context)
    {
        lock (_gate)
        {
            _arrived++;
            foreach ((int count, TaskCompletionSource reached) in _waits.Where(w => w.Count <= _arrived))
            {
                _ = reached.TrySetResult();
            }
        }

        await Task.Delay(Timeout.Infinite, context.CancellationToken);
        return request;
    }
}
