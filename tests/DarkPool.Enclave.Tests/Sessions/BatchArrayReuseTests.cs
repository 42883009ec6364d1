using DarkPool.Enclave.Sessions;
using DarkPool.Protocol.Client;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;

namespace DarkPool.Enclave.Tests.Sessions;

/// <summary>
/// A mass quote opened on the pipeline's path (in place, as the enclave core does before executing it at once) has its
/// items in an array the table reuses for the next request of the same length, so the busiest request allocates no
/// item array; opened through the public path, every request gets arrays of its own that later requests do not touch.
/// </summary>
public sealed class BatchArrayReuseTests : IDisposable
{
    private readonly SessionFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void MassQuotes_OpenedInPlace_ShareTheirLengthsArray_WithEachRequestsOwnValues()
    {
        ClientSession client = _f.Open();
        byte[] first = MassQuote(client, 1, priceBase: 100);
        byte[] second = MassQuote(client, 2, priceBase: 200);

        Assert.True(_f.Table.TryOpenRequestInPlace(first, SessionFixture.Now, out OpenedRequest a, out EnvelopeReject reject), reject.ToString());
        Assert.Equal([100L, 101L, 102L], a.Request.BatchCancelReplace.Quotes!.Select(q => q.Price!.Value));
        CancelReplace[] items = a.Request.BatchCancelReplace.Quotes!;
        Assert.True(_f.Table.TryOpenRequestInPlace(second, SessionFixture.Now, out OpenedRequest b, out reject), reject.ToString());

        Assert.Same(items, b.Request.BatchCancelReplace.Quotes);
        Assert.Equal([200L, 201L, 202L], b.Request.BatchCancelReplace.Quotes!.Select(q => q.Price!.Value));
    }

    [Fact]
    public void MassQuotes_OpenedThroughThePublicPath_KeepArraysOfTheirOwn()
    {
        ClientSession client = _f.Open();
        OpenedRequest a = _f.Accept(MassQuote(client, 1, priceBase: 100));
        OpenedRequest b = _f.Accept(MassQuote(client, 2, priceBase: 200));

        Assert.NotSame(a.Request.BatchCancelReplace.Quotes, b.Request.BatchCancelReplace.Quotes);
        Assert.Equal([100L, 101L, 102L], a.Request.BatchCancelReplace.Quotes!.Select(q => q.Price!.Value));
        Assert.Equal([200L, 201L, 202L], b.Request.BatchCancelReplace.Quotes!.Select(q => q.Price!.Value));
    }

    private static byte[] MassQuote(ClientSession client, ulong requestId, long priceBase)
    {
        var envelope = new byte[EnvelopeLayout.BulkEnvelopeSize];
        _ = client.SealRequest(requestId, SessionFixture.Now + 5_000, new BatchCancelReplace
        {
            Quotes = [.. Enumerable.Range(0, 3).Select(i => CancelReplace.Of(i + 1, new PlaceOrder
            {
                Market = 7, ClientOrderId = 10 + i, Side = OrderSide.Buy, Type = OrderKind.Limit, Price = priceBase + i, Quantity = 1,
            }))],
        }, envelope);
        return envelope;
    }
}
