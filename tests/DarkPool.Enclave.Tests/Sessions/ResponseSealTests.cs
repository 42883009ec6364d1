using DarkPool.Enclave.Sessions;
using DarkPool.Protocol.Client;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Responses;

namespace DarkPool.Enclave.Tests.Sessions;

public sealed class ResponseSealTests : IDisposable
{
    private const long Now = SessionFixture.Now;
    private readonly SessionFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void TrySealResponse_Successive_ClientOpensThemInOrder()
    {
        ClientSession client = _f.Open();
        OpenedRequest request = _f.Accept(SessionFixture.Place(client, 1));
        byte[] ack = _f.Answer(request, new OrderAccepted { Market = 7, ClientOrderId = 1001 });
        var fill = new byte[EnvelopeLayout.StandardEnvelopeSize];
        Assert.True(_f.Table.TrySealResponse(client.SessionId, 0, Now + 1, new OrderFilled { Market = 7, ClientOrderId = 1001, Quantity = 2, Price = 250_000 }, fill, out _, out _));

        Assert.True(client.TryOpenResponse(ack, out DecodedResponse a, out _));
        Assert.True(client.TryOpenResponse(fill, out DecodedResponse f, out _));
        Assert.Equal((ResponseKind.OrderAccepted, 1UL), (a.Kind, a.ClientRequestId));
        Assert.Equal((ResponseKind.OrderFilled, 0UL, 2L), (f.Kind, f.ClientRequestId, f.Filled.Quantity));
        Assert.True(_f.Table.TryGetSession(client.SessionId, out SessionInfo info));
        Assert.Equal(3UL, info.NextResponseSequence);
    }

    [Fact]
    public void TrySealResponse_OtherSessionsClient_CannotOpenIt()
    {
        ClientSession alice = _f.Open();
        ClientSession bob = _f.Open();
        var envelope = new byte[EnvelopeLayout.StandardEnvelopeSize];
        Assert.True(_f.Table.TrySealResponse(alice.SessionId, 0, Now, new BalanceChanged { Asset = 1, Available = 5 }, envelope, out _, out _));

        Assert.False(bob.TryOpenResponse(envelope, out _, out EnvelopeReject reject));
        Assert.Equal(EnvelopeReject.UnknownSession, reject);
    }

    [Fact]
    public void TrySealResponse_UnknownSession_IsRefused_AndIllFormedBodyThrows()
    {
        ClientSession stranger = _f.NewClient();
        ClientSession client = _f.Open();
        var envelope = new byte[EnvelopeLayout.StandardEnvelopeSize];

        Assert.False(_f.Table.TrySealResponse(stranger.SessionId, 0, Now, new HeartbeatAck(), envelope, out _, out ResponseSealError error));
        Assert.Equal(ResponseSealError.UnknownSession, error);
        Assert.Throws<ArgumentException>(() => _f.Table.TrySealResponse(client.SessionId, 0, Now, new BalancePage(), envelope, out _, out _));
        Assert.Throws<ArgumentException>(() => _f.Table.TrySealResponse(client.SessionId, 0, Now, new HeartbeatAck(), new byte[100], out _, out _));
        Assert.True(_f.Table.TryGetSession(client.SessionId, out SessionInfo info));
        Assert.Equal(1UL, info.NextResponseSequence);
    }

    /// <summary>Every response, whatever its kind or page, has the one envelope length.</summary>
    [Fact]
    public void TrySealResponse_EveryKind_HasTheSameLength()
    {
        ClientSession client = _f.Open();
        var lengths = new List<int>();
        void Seal<T>(in T body)
            where T : struct, IResponseBody<T>
        {
            var envelope = new byte[EnvelopeLayout.StandardEnvelopeSize];
            Assert.True(_f.Table.TrySealResponse(client.SessionId, ulong.MaxValue, long.MinValue, body, envelope, out int written, out _));
            lengths.Add(written);
        }

        Seal(new OrderAccepted { Market = int.MaxValue, ClientOrderId = long.MaxValue });
        Seal(new RequestRejected { Reason = RejectCode.StaleReference, Market = int.MinValue, ClientOrderId = long.MinValue });
        Seal(new OrderFilled { Market = int.MinValue, ClientOrderId = long.MinValue, Price = long.MinValue, Quantity = long.MinValue, Fee = long.MinValue });
        Seal(new OrderCancelled { Market = 1, ClientOrderId = 1, Quantity = 1, Reason = CancelCode.User });
        Seal(new MassCancelled { Count = long.MaxValue });
        Seal(new BalancePage { Entries = Enumerable.Repeat(new BalanceEntry { Asset = int.MinValue, Available = long.MinValue, Held = long.MinValue }, BalancePage.MaxEntries).ToArray(), NextCursor = long.MaxValue });
        Seal(new OpenOrdersPage { Entries = Enumerable.Repeat(new OpenOrderEntry { Market = int.MinValue, ClientOrderId = long.MinValue, Price = long.MinValue, Remaining = long.MinValue }, OpenOrdersPage.MaxEntries).ToArray(), NextCursor = long.MaxValue });
        Seal(new SessionClosed());

        Assert.All(lengths, l => Assert.Equal(EnvelopeLayout.StandardEnvelopeSize, l));
    }
}
