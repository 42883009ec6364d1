using Microsoft.Extensions.Options;

namespace DarkPool.Gateway.Internal;

// Design:
// The enclave serves one queue in arrival order, so whatever the market-maker streams have inside it, every other
// session's request waits behind. Each stream is bounded on its own (Gateway:StreamInFlight); this bounds them all
// together. A slot is taken before an envelope is handed to the host and given back when the enclave has answered it,
// not when the answer is written, so a stream whose client does not read holds its own in-flight slots only.

/// <summary>How many stream envelopes, all streams together, may be inside the enclave at once (Gateway:StreamInFlightTotal).</summary>
internal sealed class StreamBudget(IOptions<GatewayOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.StreamInFlightTotal, options.Value.StreamInFlightTotal);

    /// <summary>Waits for a slot.</summary>
    public Task TakeAsync(CancellationToken cancellationToken) => _slots.WaitAsync(cancellationToken);

    /// <summary>Gives the slot back once <paramref name="answered"/> completes.</summary>
    public void ReturnWhenDone(Task answered) =>
        _ = answered.ContinueWith(static (_, slots) => ((SemaphoreSlim)slots!).Release(), _slots, CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>Gives a slot back now (the envelope was not handed over).</summary>
    public void Return() => _slots.Release();

    public void Dispose() => _slots.Dispose();
}
