using DarkPool.Attestation.Tests.Support;
using DarkPool.Attestation.Verification;

namespace DarkPool.Attestation.Tests.Verification;

public sealed class NonceRegistryTests
{
    private readonly ManualTimeProvider _time = new(QuoteFixture.Now);

    [Fact]
    public void Consume_IssuedNonce_IsFresh()
    {
        var registry = new NonceRegistry(_time, TimeSpan.FromMinutes(1));

        Assert.Equal(NonceStatus.Fresh, registry.Consume(registry.Issue()));
    }

    [Fact]
    public void Consume_SecondTime_IsReplayed()
    {
        var registry = new NonceRegistry(_time, TimeSpan.FromMinutes(1));
        byte[] nonce = registry.Issue();
        registry.Consume(nonce);

        Assert.Equal(NonceStatus.Replayed, registry.Consume(nonce));
    }

    [Fact]
    public void Consume_NeverIssued_IsUnknown()
    {
        var registry = new NonceRegistry(_time, TimeSpan.FromMinutes(1));

        Assert.Equal(NonceStatus.Unknown, registry.Consume(new byte[32]));
    }

    [Fact]
    public void Consume_AfterLifetime_IsExpiredAndStaysUnused()
    {
        var registry = new NonceRegistry(_time, TimeSpan.FromMinutes(1));
        byte[] nonce = registry.Issue();
        _time.Advance(TimeSpan.FromSeconds(61));

        Assert.Equal(NonceStatus.Expired, registry.Consume(nonce));
        Assert.Equal(NonceStatus.Expired, registry.Consume(nonce));
    }

    [Fact]
    public void Consume_AtEndOfLifetime_IsFresh()
    {
        var registry = new NonceRegistry(_time, TimeSpan.FromMinutes(1));
        byte[] nonce = registry.Issue();
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(NonceStatus.Fresh, registry.Consume(nonce));
    }

    [Fact]
    public void Consume_ReplayAfterOldEntriesPruned_IsStillRejected()
    {
        var registry = new NonceRegistry(_time, TimeSpan.FromMinutes(1));
        byte[] nonce = registry.Issue();
        registry.Consume(nonce);
        _time.Advance(TimeSpan.FromMinutes(10));
        registry.Issue();

        Assert.NotEqual(NonceStatus.Fresh, registry.Consume(nonce));
    }

    [Fact]
    public void Issue_ManyTimes_GivesDistinct32ByteNonces()
    {
        var registry = new NonceRegistry(_time, TimeSpan.FromMinutes(1));

        byte[][] nonces = Enumerable.Range(0, 100).Select(_ => registry.Issue()).ToArray();

        Assert.All(nonces, n => Assert.Equal(32, n.Length));
        Assert.Equal(100, nonces.Select(Convert.ToHexString).Distinct().Count());
    }
}
