using DarkPool.Enclave.Pipeline;

namespace DarkPool.Host;

/// <summary>
/// A timer's operator records, at most one in flight: while the previous one is unanswered (a busy or slow pipeline),
/// the next is skipped rather than queued, so timer records never pile up behind a disk stall.
/// </summary>
internal sealed class OneInFlight(Func<byte[], Task<EnclaveReply>> submit)
{
    private int _inFlight;

    /// <summary>Submits <paramref name="record"/> (the pipeline copies it) unless the previous one is still unanswered.</summary>
    public void Submit(byte[] record)
    {
        if (Interlocked.Exchange(ref _inFlight, 1) != 0)
        {
            return;
        }

        Task<EnclaveReply> reply;
        try
        {
            reply = submit(record);
        }
        catch (ObjectDisposedException)
        {
            // The enclave is stopping.
            return;
        }

        _ = reply.ContinueWith(static (_, self) => Volatile.Write(ref ((OneInFlight)self!)._inFlight, 0), this, CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
