using System.Globalization;
using System.Text.Json.Serialization;
using DarkPool.Protocol.Messages;

namespace DarkPool.Cli.Internal;

/// <summary>
/// One decrypted answer or event as the command line shows it (a table row, a JSON object): the kind and whichever
/// fields that kind has; the others are null (and left out of JSON).
/// </summary>
internal sealed record EventDocument(
    string Kind,
    long TimeUnixMs,
    ulong RequestId,
    int? Market = null,
    long? ClientOrderId = null,
    string? Side = null,
    long? Price = null,
    long? Quantity = null,
    long? Remaining = null,
    long? Fee = null,
    string? Liquidity = null,
    string? Reason = null,
    int? Asset = null,
    long? Amount = null,
    long? Available = null,
    long? Held = null,
    long? Count = null)
{
    /// <summary>The document of <paramref name="r"/>.</summary>
    public static EventDocument From(DecodedResponse r)
    {
        var d = new EventDocument(Names.Of(r.Kind), r.TimeUnixMs, r.ClientRequestId);
        return r.Kind switch
        {
            ResponseKind.OrderAccepted => d with { Market = r.Accepted.Market, ClientOrderId = r.Accepted.ClientOrderId },
            ResponseKind.RequestRejected => d with
            {
                Market = r.Rejected.Market, ClientOrderId = r.Rejected.ClientOrderId == 0 ? null : r.Rejected.ClientOrderId, Reason = Names.Of(r.Rejected.Reason),
            },
            ResponseKind.OrderFilled => d with
            {
                Market = r.Filled.Market, ClientOrderId = r.Filled.ClientOrderId, Side = Names.Of(r.Filled.Side), Price = r.Filled.Price,
                Quantity = r.Filled.Quantity, Fee = r.Filled.Fee, Liquidity = Names.Of(r.Filled.Liquidity),
            },
            ResponseKind.OrderCancelled => d with
            {
                Market = r.Cancelled.Market, ClientOrderId = r.Cancelled.ClientOrderId, Quantity = r.Cancelled.Quantity, Reason = Names.Of(r.Cancelled.Reason),
            },
            ResponseKind.OrderAmended => d with
            {
                Market = r.Amended.Market, ClientOrderId = r.Amended.ClientOrderId, Price = r.Amended.Price, Remaining = r.Amended.Quantity,
            },
            ResponseKind.OrderReduced => d with
            {
                Market = r.Reduced.Market, ClientOrderId = r.Reduced.ClientOrderId, Quantity = r.Reduced.ReducedBy, Remaining = r.Reduced.Remaining,
            },
            ResponseKind.MassCancelled => d with { Market = r.MassCancelled.Market, Count = r.MassCancelled.Count },
            ResponseKind.WithdrawalAccepted => d with { Asset = r.Withdrawal.Asset, Amount = r.Withdrawal.Amount },
            ResponseKind.BalanceChanged => d with { Asset = r.BalanceChanged.Asset, Available = r.BalanceChanged.Available, Held = r.BalanceChanged.Held },
            _ => d,
        };
    }

    /// <summary>The time as ISO 8601 UTC, milliseconds.</summary>
    public string Time => DateTimeOffset.FromUnixTimeMilliseconds(TimeUnixMs).ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    /// <summary>The fields other than kind, market, order and time, in one short line (text output only).</summary>
    [JsonIgnore]
    public string Detail => string.Join("  ", new (string Name, object? Value)[]
    {
        ("side", Side), ("price", Price), ("qty", Quantity), ("remaining", Remaining), ("fee", Fee), ("liquidity", Liquidity), ("reason", Reason),
        ("asset", Asset), ("amount", Amount), ("available", Available), ("held", Held), ("count", Count),
    }.Where(f => f.Value is not null).Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Name} {f.Value}")));
}
