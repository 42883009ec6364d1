namespace DarkPool.Audit.Internal;

/// <summary>The verification time chosen with <c>--at</c>.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
