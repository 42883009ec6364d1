namespace DarkPool.Enclave.Tests.Pipeline.Support;

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualClock : TimeProvider
{
    private long _unixMs;

    public ManualClock(long unixMs) => _unixMs = unixMs;

    public long UnixMs
    {
        get => Interlocked.Read(ref _unixMs);
        set => Interlocked.Exchange(ref _unixMs, value);
    }

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(UnixMs);
}
