using DarkPool.Protocol.Client;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;
using Grpc.Core;

/// <summary>
/// One session of the unary load (paced as <see cref="PacedDriver"/>; the enclave requires a session's requests in
/// sequence order). Mix: three limit orders (a quarter IOC) around 1,000, then a cancel of a recent one.
/// </summary>
internal sealed class SessionDriver(ClientSession session, ISubmitter requests, int index, int sessions, double rate, long start, long measureFrom)
    : PacedDriver(index, sessions, rate, start, measureFrom)
{
    private readonly Random _random = new(index);
    private readonly byte[] _envelope = new byte[EnvelopeLayout.StandardEnvelopeSize];
    private long _order = 1;

    protected override async Task<StatusCode?> SendAsync(long i)
    {
        long expires = DateTimeOffset.UtcNow.AddSeconds(30).ToUnixTimeMilliseconds();
        if (i % 4 == 3)
        {
            _ = session.SealRequest((ulong)i + 1, expires, new CancelOrder { Market = 1, ClientOrderId = Math.Max(1, _order - _random.Next(1, 8)) }, _envelope);
        }
        else
        {
            _ = session.SealRequest((ulong)i + 1, expires, new PlaceOrder
            {
                Market = 1, ClientOrderId = _order++, Side = _random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell, Type = OrderKind.Limit,
                TimeInForce = _random.Next(4) == 0 ? OrderTimeInForce.Ioc : OrderTimeInForce.Gtc, Price = _random.Next(990, 1011), Quantity = _random.Next(1, 10),
            }, _envelope);
        }

        return await SubmitAsync(session, requests, _envelope).ConfigureAwait(false);
    }
}
