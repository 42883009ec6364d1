using DarkPool.Enclave.Sessions;
using DarkPool.Protocol.Client;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;

namespace DarkPool.Enclave.Tests.Sessions;

/// <summary>Each request kind has exactly one envelope size class: a batch bulk, everything else standard.</summary>
public sealed class SizeClassTests : IDisposable
{
    private readonly SessionFixture _f = new();
    private readonly ClientSession _client;
    private readonly VerifiedHandshake _keys;

    public SizeClassTests()
    {
        _client = _f.NewClient();
        _keys = _f.Verify(_client);
        Assert.True(_f.Table.TryOpenSession(_keys, SessionFixture.Now, out _));
    }

    private static BatchPlace Batch => new()
    {
        Orders = [new PlaceOrder { Market = 7, ClientOrderId = 1, Side = OrderSide.Buy, Type = OrderKind.Limit, Price = 100, Quantity = 1 }],
    };

    [Fact]
    public void TryOpenRequest_BatchInABulkEnvelope_IsAccepted()
    {
        var envelope = new byte[EnvelopeLayout.BulkEnvelopeSize];
        Assert.Equal(EnvelopeLayout.BulkEnvelopeSize, _client.SealRequest(1, SessionFixture.Now + 5_000, Batch, envelope));

        OpenedRequest opened = _f.Accept(envelope);

        Assert.Equal(RequestKind.BatchPlace, opened.Request.Kind);
        Assert.Single(opened.Request.BatchPlace.Orders!);
    }

    [Fact]
    public void TryOpenRequest_BatchInAStandardEnvelope_IsUnexpectedSizeClassAndConsumesNothing()
    {
        byte[] plaintext = SessionFixture.Padded(SessionFixture.RequestMessage(1, Batch));

        Assert.Equal(EnvelopeReject.UnexpectedSizeClass, _f.Refuse(SessionFixture.SealRaw(_keys, 1, plaintext)));
        Assert.Equal(RequestKind.PlaceOrder, _f.Accept(SessionFixture.Place(_client, 1)).Request.Kind);
    }

    [Fact]
    public void TryOpenRequest_CancelReplaceInABulkEnvelope_IsUnexpectedSizeClass()
    {
        var body = CancelReplace.Of(1, new PlaceOrder { Market = 7, ClientOrderId = 2, Side = OrderSide.Sell, Type = OrderKind.Limit, Price = 100, Quantity = 1 });
        byte[] plaintext = SessionFixture.Padded(SessionFixture.RequestMessage(1, body), EnvelopeLayout.BulkPlaintextSize);

        Assert.Equal(EnvelopeReject.UnexpectedSizeClass, _f.Refuse(SessionFixture.SealRaw(_keys, 1, plaintext, EnvelopeSizeClass.Bulk)));
    }

    [Fact]
    public void TryOpenRequest_MassQuoteInABulkEnvelope_IsAccepted_AndInAStandardOneIsUnexpectedSizeClass()
    {
        var body = new BatchCancelReplace
        {
            Quotes = [CancelReplace.Of(1, new PlaceOrder { Market = 7, ClientOrderId = 2, Side = OrderSide.Buy, Type = OrderKind.Limit, Price = 100, Quantity = 1 })],
        };
        byte[] standard = SessionFixture.SealRaw(_keys, 1, SessionFixture.Padded(SessionFixture.RequestMessage(1, body)));
        Assert.Equal(EnvelopeReject.UnexpectedSizeClass, _f.Refuse(standard));

        var envelope = new byte[EnvelopeLayout.BulkEnvelopeSize];
        Assert.Equal(EnvelopeLayout.BulkEnvelopeSize, _client.SealRequest(1, SessionFixture.Now + 5_000, body, envelope));
        OpenedRequest opened = _f.Accept(envelope);
        Assert.Equal(RequestKind.BatchCancelReplace, opened.Request.Kind);
        Assert.Equal(body.Quotes, opened.Request.BatchCancelReplace.Quotes);
    }

    public void Dispose() => _f.Dispose();
}
