extern alias sdk;

using DarkPool.Protocol.Accounts;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;
using sdk::DarkPool.Client;

namespace DarkPool.Gateway.Tests;

/// <summary>
/// Order entry's calls are served from the root container, without the DI scope ASP.NET Core makes per request: gRPC
/// activates <c>RequestsService</c> and its interceptor from <c>HttpContext.RequestServices</c>, and both are singletons.
/// </summary>
public sealed class ServiceActivationTests
{
    [Fact]
    public async Task RequestsSubmit_ActivatedFromTheRootContainer_OtherServicesKeepTheirPerCallScope()
    {
        await using ServerFixture server = await ServerFixture.StartAsync(record: true);
        using var key = Secp256k1AccountKey.Generate();
        await using DarkPoolClient client = await DarkPoolClient.ConnectAsync(server.Channel, key, server.Policy);
        RequestResult placed = await client.PlaceAsync(new PlaceOrder
        {
            Market = 1, ClientOrderId = 1, Side = OrderSide.Buy, Type = OrderKind.Limit, Price = 100, Quantity = 1,
        });
        RequestResult cancelled = await client.CancelAsync(1, 1);
        _ = await client.BalancesAsync();

        var activations = server.Recorder.Activations.ToList();
        var submits = activations.Where(a => a.Method == "/darkpool.v1.Requests/Submit").ToList();
        Assert.True(submits.Count >= 3, $"submits seen: {submits.Count} (placed {placed.Accepted}, cancelled {cancelled.Accepted})");
        Assert.All(submits, a => Assert.Same(server.Services, a.Services));

        // The probe is not blind: the handshake's calls (other services) each ran in a scope of their own.
        var others = activations.Where(a => !a.Method.StartsWith("/darkpool.v1.Requests/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(others);
        Assert.All(others, a => Assert.NotSame(server.Services, a.Services));
        Assert.Equal(others.Count, others.Select(a => a.Services).Distinct(ReferenceEqualityComparer.Instance).Count());
    }
}
