namespace DarkPool.Disruptor.Tests.Support;

/// <summary>
/// Collects assertion failures seen on processor threads, where throwing would only stop the
/// processor; the test thread asserts that none happened.
/// </summary>
internal sealed class Probe
{
    private int _failures;
    private string? _first;

    public int Failures => Volatile.Read(ref _failures);

    public void Fail(string message)
    {
        Interlocked.CompareExchange(ref _first, message, null);
        Interlocked.Increment(ref _failures);
    }

    public void AssertNone() => Assert.True(Failures == 0, $"{Failures} failures, first: {_first}");
}
