using DarkPool.Protocol.Client;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;
using Grpc.Core;

/// <summary>
/// One taker of the market-maker load (<c>--mode mm</c>), paced as <see cref="PacedDriver"/>: limit orders around 1,000,
/// two in three IOC, by unary <c>Submit</c>, one at a time.
/// </summary>
internal sealed class TakerDriver(ClientSession session, ISubmitter requests, int index, int takers, double rate, long start, long measureFrom)
    : PacedDriver(index, takers, rate, start, measureFrom)
{
    private readonly Random _random = new(1_000 + index);
    private readonly byte[] _envelope = new byte[EnvelopeLayout.StandardEnvelopeSize];

    protected override async Task<StatusCode?> SendAsync(long i)
    {
        _ = session.SealRequest((ulong)i + 1, DateTimeOffset.UtcNow.AddSeconds(30).ToUnixTimeMilliseconds(), new PlaceOrder
        {
            Market = 1, ClientOrderId = i + 1, Side = _random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell, Type = OrderKind.Limit,
            TimeInForce = _random.Next(3) == 0 ? OrderTimeInForce.Gtc : OrderTimeInForce.Ioc, Price = _random.Next(990, 1011), Quantity = _random.Next(1, 10),
        }, _envelope);
        return await SubmitAsync(session, requests, _envelope).ConfigureAwait(false);
    }
}
