using DarkPool.Enclave.Core;
using DarkPool.Enclave.Pipeline;

namespace DarkPool.Host;

// Design:
// A timer thread submits one journaled Tick record per interval; the enclave reads no clock, so time-driven rules (the
// heartbeat dead-man's switch, forgetting closed sessions) happen only when a record with a later stamped time arrives.
// At most one tick is in flight: if the previous one has not been answered (a busy or slow pipeline), this period is
// skipped rather than queued, so ticks never pile up behind a disk stall.

/// <summary>Drives enclave time: a Tick record every interval, for as long as the host runs.</summary>
internal sealed class EnclaveTicker : IDisposable
{
    private readonly Timer _timer;

    public EnclaveTicker(Func<byte[], Task<EnclaveReply>> submit, TimeSpan interval)
    {
        var ticks = new OneInFlight(submit);
        _timer = new Timer(_ => ticks.Submit(EnclaveRecords.Tick(0)), null, interval, interval);
    }

    public void Dispose() => _timer.Dispose();
}
