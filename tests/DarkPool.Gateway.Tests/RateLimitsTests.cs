using System.Diagnostics;
using System.Security.Cryptography;
using DarkPool.Gateway.Internal;
using DarkPool.Gateway.V1;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace DarkPool.Gateway.Tests;

/// <summary>The gateway's token buckets: swept once full and idle (memory bounded by recent activity) without changing a limit.</summary>
public sealed class RateLimitsTests
{
    private static readonly long Second = Stopwatch.Frequency;

    private static RateLimits Limits(double perSession = 2, double perConnection = 2) =>
        new(Options.Create(new GatewayOptions { RequestsPerSecondPerSession = perSession, CallsPerSecondPerConnection = perConnection }), sweepPeriodically: false);

    [Fact]
    public void Sweep_DropsRefilledIdleBuckets_KeepsOnesInUse()
    {
        using RateLimits limits = Limits();
        long t0 = Stopwatch.GetTimestamp();
        byte[] idle = RandomNumberGenerator.GetBytes(16);
        byte[] busy = RandomNumberGenerator.GetBytes(16);
        Assert.True(limits.TrySession(idle, t0, out _));
        Assert.True(limits.TrySession(busy, t0 + (10 * Second), out _));
        Assert.True(limits.TryConnection("ipv4:127.0.0.1:5000", t0, out _));
        Assert.Equal(3, limits.BucketCount);

        // Ten seconds on, the first session and the connection have refilled and nobody asked them since; the busy
        // session took a token just now.
        limits.Sweep(t0 + (10 * Second));

        Assert.Equal(1, limits.BucketCount);
    }

    [Fact]
    public void Sweep_KeepsAFullBucketAskedWithinTheInterval_UntilItIdlesAWholeOne()
    {
        using RateLimits limits = Limits(perSession: 2);
        long t0 = Stopwatch.GetTimestamp();
        byte[] session = RandomNumberGenerator.GetBytes(16);
        Assert.True(limits.TrySession(session, t0, out _));

        // Refilled within a second, but asked 2 s ago: in use, kept.
        limits.Sweep(t0 + (2 * Second));
        Assert.Equal(1, limits.BucketCount);

        // Asked again at 5 s; at 14 s it is full but was asked 9 s ago: still kept; at 15 s it has idled ten: dropped.
        Assert.True(limits.TrySession(session, t0 + (5 * Second), out _));
        limits.Sweep(t0 + (14 * Second));
        Assert.Equal(1, limits.BucketCount);
        limits.Sweep(t0 + (15 * Second));
        Assert.Equal(0, limits.BucketCount);
    }

    [Fact]
    public void Sweep_DoesNotResetADrainedBucket()
    {
        using RateLimits limits = Limits(perSession: 2);
        long t0 = Stopwatch.GetTimestamp();
        byte[] session = RandomNumberGenerator.GetBytes(16);
        Assert.True(limits.TrySession(session, t0, out _));
        Assert.True(limits.TrySession(session, t0, out _));
        Assert.False(limits.TrySession(session, t0, out TimeSpan retry));
        Assert.True(retry > TimeSpan.Zero);

        limits.Sweep(t0);

        Assert.Equal(1, limits.BucketCount);
        Assert.False(limits.TrySession(session, t0, out _));
    }

    [Fact]
    public void Sweep_ThenNewActivity_LimitStillHolds()
    {
        using RateLimits limits = Limits(perConnection: 1);
        long t0 = Stopwatch.GetTimestamp();
        Assert.True(limits.TryConnection("peer", t0, out _));
        limits.Sweep(t0 + (10 * Second));
        Assert.Equal(0, limits.BucketCount);

        Assert.True(limits.TryConnection("peer", t0 + (10 * Second), out _));
        Assert.False(limits.TryConnection("peer", t0 + (10 * Second), out _));
    }

    [Fact]
    public async Task GetEvidence_OverItsOwnRate_ResourceExhaustedWithRetryInfo()
    {
        // One evidence per 100 s per connection: the second is refused, other methods are not affected.
        await using ServerFixture server = await ServerFixture.StartAsync(o => o.EvidencePerSecondPerConnection = 0.01);
        var attestation = new Gateway.V1.Attestation.AttestationClient(server.Channel);
        _ = await attestation.GetEvidenceAsync(new GetEvidenceRequest { Nonce = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(32)) });

        RpcException e = await Assert.ThrowsAsync<RpcException>(async () =>
            await attestation.GetEvidenceAsync(new GetEvidenceRequest { Nonce = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(32)) }));

        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
        Assert.Equal("RATE_LIMITED", e.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason);
        Assert.True(e.GetRpcStatus()?.GetDetail<RetryInfo>()?.RetryDelay.ToTimeSpan() > TimeSpan.FromSeconds(10));

        using AsyncServerStreamingCall<SealedEvent> call = new Events.EventsClient(server.Channel).Subscribe(
            new SubscribeRequest { SessionId = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(16)), FromSequence = 1 });
        RpcException other = await Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public void Options_EvidenceRateMustBePositive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GatewayOptions { EvidencePerSecondPerConnection = 0 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new GatewayOptions { EvidencePerSecondPerConnection = double.NaN }.Validate());
    }
}
