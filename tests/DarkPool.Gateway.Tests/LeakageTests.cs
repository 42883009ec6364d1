extern alias sdk;

using System.Buffers.Binary;
using DarkPool.Enclave.Core;
using DarkPool.Gateway.V1;
using DarkPool.Protocol.Accounts;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;
using Google.Protobuf;
using sdk::DarkPool.Client;

namespace DarkPool.Gateway.Tests;

/// <summary>
/// The operator learns nothing: during a workload whose orders carry marker values, no byte the gateway handles and no
/// file in the data folder contains a marker in any integer encoding, and every order envelope has the same length.
/// </summary>
public sealed class LeakageTests
{
    private const long MarkerOrderId = 0x1122_3344_5566_7788;
    private const long MarkerPrice = 987_654_321;
    private const long MarkerQuantity = 4_242_4242;

    [Fact]
    public async Task Workload_WithMarkerValues_NoMarkerInGatewayTrafficOrDataFolder_AndEnvelopesAllOneLength()
    {
        await using ServerFixture server = await ServerFixture.StartAsync(record: true);
        using var buyerKey = Secp256k1AccountKey.Generate();
        using var sellerKey = Secp256k1AccountKey.Generate();
        await using DarkPoolClient buyer = await DarkPoolClient.ConnectAsync(server.Channel, buyerKey, server.Policy);
        await using DarkPoolClient seller = await DarkPoolClient.ConnectAsync(server.Channel, sellerKey, server.Policy);
        _ = await server.Host.SubmitOperatorAsync(EnclaveRecords.Deposit(0, buyer.Account, 2, 100_000_000_000_000_000));
        _ = await server.Host.SubmitOperatorAsync(EnclaveRecords.Deposit(0, seller.Account, 1, 1_000_000_000));

        RequestResult rest = await seller.PlaceAsync(Order(MarkerOrderId, OrderSide.Sell));
        RequestResult take = await buyer.PlaceAsync(Order(MarkerOrderId + 1, OrderSide.Buy) with { Quantity = MarkerQuantity / 2 });
        RequestResult amend = await seller.AmendAsync(1, MarkerOrderId, MarkerPrice + 1, null);
        RequestResult cancel = await seller.CancelAsync(1, MarkerOrderId);
        Assert.True(rest.Accepted && take.Accepted && amend.Accepted && cancel.Accepted, "the workload did not run as intended");
        Assert.Contains(take.Responses, r => r.Kind == ResponseKind.OrderFilled && r.Filled.Price == MarkerPrice);
        RequestResult resting = await buyer.PlaceAsync(Order(MarkerOrderId + 2, OrderSide.Buy) with { Price = MarkerPrice - 1 });
        Assert.True(resting.Accepted);

        // A snapshot holds the whole state, the resting marker order included: it must be sealed too.
        await server.Host.SnapshotAsync();
        Assert.Contains(Directory.EnumerateFiles(server.DataFolder, "*.snap", SearchOption.AllDirectories), _ => true);

        byte[][] markers = Encodings(MarkerOrderId).Concat(Encodings(MarkerOrderId + 1)).Concat(Encodings(MarkerPrice)).Concat(Encodings(MarkerPrice + 1))
            .Concat(Encodings(MarkerQuantity)).Concat(Encodings(MarkerQuantity / 2)).Concat(Encodings(MarkerOrderId + 2)).Concat(Encodings(MarkerPrice - 1)).ToArray();
        var traffic = server.Recorder.Seen.ToList();
        Assert.NotEmpty(traffic);
        foreach ((string method, IMessage message) in traffic)
        {
            AssertNoMarker(message.ToByteArray(), markers, $"gateway message of {method}");
        }

        int scanned = 0;
        foreach (string file in Directory.EnumerateFiles(server.DataFolder, "*", SearchOption.AllDirectories))
        {
            if (Path.GetFileName(file) == "platform.lock")
            {
                // Held exclusively by the running platform; it is empty.
                Assert.Equal(0, new FileInfo(file).Length);
                continue;
            }

            AssertNoMarker(await File.ReadAllBytesAsync(file), markers, file);
            scanned++;
        }

        Assert.True(scanned >= 3, "the data folder scan found too few files (journal segment, keys, platform state)");

        int[] lengths = [.. traffic.Select(t => t.Message).OfType<SealedRequest>().Select(r => r.Envelope.Length).Distinct()];
        Assert.Single(lengths);
        Assert.True(traffic.Count(t => t.Message is SealedRequest) >= 4);
    }

    private static PlaceOrder Order(long id, OrderSide side) => new()
    {
        Market = 1, ClientOrderId = id, Side = side, Type = OrderKind.Limit, Price = MarkerPrice, Quantity = MarkerQuantity,
    };

    /// <summary>The marker as 8-byte and (when it fits) 4-byte integers, both byte orders (MessagePack is big-endian).</summary>
    private static IEnumerable<byte[]> Encodings(long value)
    {
        var le = new byte[8];
        var be = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(le, value);
        BinaryPrimitives.WriteInt64BigEndian(be, value);
        yield return le;
        yield return be;
        if (value is >= int.MinValue and <= uint.MaxValue)
        {
            yield return le[..4];
            yield return be[4..];
        }
    }

    private static void AssertNoMarker(byte[] bytes, byte[][] markers, string where)
    {
        foreach (byte[] marker in markers)
        {
            Assert.True(bytes.AsSpan().IndexOf(marker) < 0, $"{where} contains a marker value ({Convert.ToHexString(marker)})");
        }
    }
}
