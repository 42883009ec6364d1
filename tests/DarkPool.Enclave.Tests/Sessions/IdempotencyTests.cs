using DarkPool.Enclave.Sessions;
using DarkPool.Protocol.Client;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Responses;

namespace DarkPool.Enclave.Tests.Sessions;

public sealed class IdempotencyTests : IDisposable
{
    private const long Now = SessionFixture.Now;
    private readonly SessionFixture _f = new();
    private readonly ClientSession _client;

    public IdempotencyTests() => _client = _f.Open();

    public void Dispose() => _f.Dispose();

    private DecodedResponse Open(byte[] envelope)
    {
        Assert.True(_client.TryOpenResponse(envelope, out DecodedResponse response, out EnvelopeReject reject), reject.ToString());
        return response;
    }

    [Fact]
    public void Resubmit_ProcessedRequestId_ReturnsTheOriginalOutcomeBytes_WithoutASecondExecution()
    {
        OpenedRequest first = _f.Accept(SessionFixture.Place(_client, 7));
        Assert.Equal(RequestDisposition.New, first.Disposition);
        Open(_f.Answer(first, new OrderAccepted { Market = 7, ClientOrderId = 1001 }, time: Now + 3));
        Assert.True(_f.Table.TryGetOutcome(_client.SessionId, 7, out ReadOnlySpan<byte> original));
        byte[] originalBytes = original.ToArray();

        OpenedRequest again = _f.Accept(SessionFixture.Place(_client, 7), Now + 100);

        Assert.Equal(RequestDisposition.Duplicate, again.Disposition);
        Assert.Equal(2UL, again.Sequence);
        var envelope = new byte[EnvelopeLayout.StandardEnvelopeSize];
        Assert.True(_f.Table.TrySealOutcome(_client.SessionId, 7, envelope, out int written, out _));
        Assert.Equal(envelope.Length, written);
        Assert.True(EnvelopeHeader.TryParse(envelope, out EnvelopeHeader header, out _));
        Assert.Equal(2UL, header.Sequence);
        DecodedResponse replayed = Open(envelope);
        Assert.Equal((ResponseKind.OrderAccepted, 7UL, Now + 3, 1001L), (replayed.Kind, replayed.ClientRequestId, replayed.TimeUnixMs, replayed.Accepted.ClientOrderId));
        Assert.True(_f.Table.TryGetOutcome(_client.SessionId, 7, out ReadOnlySpan<byte> after));
        Assert.Equal(originalBytes, after.ToArray());
        _f.Table.CheckConsistency();
    }

    [Fact]
    public void OnlyTheFirstAnswer_BecomesTheOutcome()
    {
        OpenedRequest first = _f.Accept(SessionFixture.Place(_client, 1));
        _f.Answer(first, new OrderAccepted { Market = 7, ClientOrderId = 1001 });
        _f.Answer(first, new OrderFilled { Market = 7, ClientOrderId = 1001, Quantity = 12, Price = 250_000 });

        Assert.True(_f.Table.TryGetOutcome(_client.SessionId, 1, out ReadOnlySpan<byte> outcome));
        Assert.True(ResponseCodec.TryRead(outcome.ToArray(), out DecodedResponse decoded));
        Assert.Equal(ResponseKind.OrderAccepted, decoded.Kind);
    }

    [Fact]
    public void Resubmit_WhileTheFirstIsInFlight_IsDuplicateInFlight_ThenTheOutcomeIsAvailable()
    {
        OpenedRequest first = _f.Accept(SessionFixture.Place(_client, 1));
        OpenedRequest again = _f.Accept(SessionFixture.Place(_client, 1));
        var envelope = new byte[EnvelopeLayout.StandardEnvelopeSize];

        Assert.Equal(RequestDisposition.DuplicateInFlight, again.Disposition);
        Assert.False(_f.Table.TrySealOutcome(_client.SessionId, 1, envelope, out _, out ResponseSealError error));
        Assert.Equal(ResponseSealError.OutcomeNotAvailable, error);

        Open(_f.Answer(first, new RequestRejected { Reason = RejectCode.InsufficientFunds, Market = 7, ClientOrderId = 1001 }));

        Assert.True(_f.Table.TrySealOutcome(_client.SessionId, 1, envelope, out _, out _));
        DecodedResponse outcome = Open(envelope);
        Assert.Equal((ResponseKind.RequestRejected, RejectCode.InsufficientFunds), (outcome.Kind, outcome.Rejected.Reason));
    }

    [Fact]
    public void Window_KeepsTheLast32_AndAnOlderIdIsRefusedNotRun()
    {
        for (ulong id = 1; id <= 33; id++)
        {
            OpenedRequest request = _f.Accept(SessionFixture.Place(_client, id, (long)id));
            _f.Answer(request, new OrderAccepted { Market = 7, ClientOrderId = (long)id });
        }

        Assert.False(_f.Table.TryGetOutcome(_client.SessionId, 1, out _));
        Assert.True(_f.Table.TryGetOutcome(_client.SessionId, 2, out _));
        Assert.Equal(EnvelopeReject.RequestIdTooOld, _f.Refuse(SessionFixture.Place(_client, 1)));
        _client.RewindRequestSequence(34);
        Assert.Equal(RequestDisposition.Duplicate, _f.Accept(SessionFixture.Place(_client, 2)).Disposition);
        Assert.Equal(RequestDisposition.New, _f.Accept(SessionFixture.Place(_client, 50)).Disposition);
        _f.Table.CheckConsistency();
    }

    [Fact]
    public void IdsMayJump_ButASkippedIdBelowTheHighestIsNeverRun()
    {
        _f.Accept(SessionFixture.Place(_client, 5));
        _f.Accept(SessionFixture.Place(_client, 9));

        Assert.Equal(EnvelopeReject.RequestIdTooOld, _f.Refuse(SessionFixture.Place(_client, 7)));
    }

    [Fact]
    public void TrySealOutcome_UnknownIdOrSession_IsRefused()
    {
        var envelope = new byte[EnvelopeLayout.StandardEnvelopeSize];
        ClientSession stranger = _f.NewClient();

        Assert.False(_f.Table.TrySealOutcome(_client.SessionId, 99, envelope, out _, out ResponseSealError unknownId));
        Assert.False(_f.Table.TrySealOutcome(stranger.SessionId, 1, envelope, out _, out ResponseSealError unknownSession));
        Assert.Equal((ResponseSealError.OutcomeNotAvailable, ResponseSealError.UnknownSession), (unknownId, unknownSession));
    }
}
