using DarkPool.Gateway.Internal;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Handshake;
using Google.Rpc;
using Grpc.Core;

namespace DarkPool.Gateway.Tests;

/// <summary>One documented status code per condition (docs/GATEWAY.md, "Errors"), with its google.rpc details.</summary>
public sealed class GatewayErrorsTests
{
    public static TheoryData<EnvelopeReject, StatusCode, string> EnvelopeCases() => new()
    {
        { EnvelopeReject.Truncated, StatusCode.InvalidArgument, "TRUNCATED" },
        { EnvelopeReject.MalformedHeader, StatusCode.InvalidArgument, "MALFORMED_HEADER" },
        { EnvelopeReject.AuthenticationFailed, StatusCode.InvalidArgument, "AUTHENTICATION_FAILED" },
        { EnvelopeReject.BadPadding, StatusCode.InvalidArgument, "BAD_PADDING" },
        { EnvelopeReject.Replay, StatusCode.AlreadyExists, "REPLAY" },
        { EnvelopeReject.Stale, StatusCode.AlreadyExists, "STALE" },
        { EnvelopeReject.Gap, StatusCode.FailedPrecondition, "GAP" },
        { EnvelopeReject.Expired, StatusCode.FailedPrecondition, "EXPIRED" },
        { EnvelopeReject.RequestIdTooOld, StatusCode.FailedPrecondition, "REQUEST_ID_TOO_OLD" },
        { EnvelopeReject.UnknownSession, StatusCode.NotFound, "UNKNOWN_SESSION" },
        { EnvelopeReject.SessionClosed, StatusCode.NotFound, "SESSION_CLOSED" },
    };

    [Theory]
    [MemberData(nameof(EnvelopeCases))]
    public void Envelope_EachReject_HasItsStatusAndReason(EnvelopeReject reject, StatusCode code, string reason)
    {
        RpcException e = GatewayErrors.Envelope(reject);

        Assert.Equal(code, e.StatusCode);
        Google.Rpc.Status status = e.GetRpcStatus()!;
        Assert.Equal((reason, "darkpool.v1"), (status.GetDetail<ErrorInfo>()!.Reason, status.GetDetail<ErrorInfo>()!.Domain));
        Assert.Equal(code == StatusCode.InvalidArgument, status.GetDetail<BadRequest>() is not null);
    }

    [Theory]
    [InlineData(HandshakeReject.BadSignature, StatusCode.Unauthenticated)]
    [InlineData(HandshakeReject.SessionExists, StatusCode.AlreadyExists)]
    [InlineData(HandshakeReject.TooManySessions, StatusCode.ResourceExhausted)]
    [InlineData(HandshakeReject.UnknownQuote, StatusCode.FailedPrecondition)]
    [InlineData(HandshakeReject.Expired, StatusCode.FailedPrecondition)]
    [InlineData(HandshakeReject.Malformed, StatusCode.InvalidArgument)]
    public void Handshake_EachReject_HasItsStatus(HandshakeReject reject, StatusCode code)
    {
        Assert.Equal(code, GatewayErrors.Handshake(reject).StatusCode);
    }

    [Fact]
    public void RateLimited_IsResourceExhaustedWithRetryInfo()
    {
        RpcException e = GatewayErrors.RateLimited("session", TimeSpan.FromMilliseconds(250));

        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
        Assert.Equal(TimeSpan.FromMilliseconds(250), e.GetRpcStatus()!.GetDetail<RetryInfo>()!.RetryDelay.ToTimeSpan());
    }

    [Fact]
    public void BusyAndStopped_AreUnavailableWithRetryInfoAndDistinctReasons()
    {
        RpcException busy = GatewayErrors.Reply(DarkPool.Enclave.Pipeline.EnclaveReply.Busy);
        RpcException stopped = GatewayErrors.Reply(DarkPool.Enclave.Pipeline.EnclaveReply.Stopped);

        Assert.Equal((StatusCode.Unavailable, StatusCode.Unavailable), (busy.StatusCode, stopped.StatusCode));
        Assert.Equal("ENCLAVE_BUSY", busy.GetRpcStatus()!.GetDetail<ErrorInfo>()!.Reason);
        Assert.Equal("ENCLAVE_STOPPED", stopped.GetRpcStatus()!.GetDetail<ErrorInfo>()!.Reason);
        Assert.NotNull(busy.GetRpcStatus()!.GetDetail<RetryInfo>());
    }

    [Fact]
    public void NotRetained_IsOutOfRangeAndSaysFromWhere()
    {
        RpcException e = GatewayErrors.NotRetained(77);

        Assert.Equal(StatusCode.OutOfRange, e.StatusCode);
        Assert.Contains("77", e.Status.Detail, StringComparison.Ordinal);
    }
}
