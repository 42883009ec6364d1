using System.Globalization;
using System.Text;
using DarkPool.Engine;

namespace DarkPool.Testing;

/// <summary>A canonical one-line text of an event, every field included, for comparisons and failure messages.</summary>
public static class EventText
{
    public static string Format(in EngineEvent e) => string.Create(CultureInfo.InvariantCulture,
        $"{e.Type} cmd={e.Command} m={e.Market} a={e.Account} id={e.OrderId} side={e.Side} p={e.Price} q={e.Quantity} rem={e.Remaining} " +
        $"rej={e.RejectReason} can={e.CancelReason} maker={e.MakerAccount}/{e.MakerOrderId} fees={e.MakerFee}/{e.TakerFee} " +
        $"asset={e.Asset} amt={e.Amount} avail={e.Available} held={e.Held}");

    public static string FormatBook(int market, ReadOnlySpan<BookLevel> bids, ReadOnlySpan<BookLevel> asks)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Book m={market} bids=");
        foreach (BookLevel l in bids)
        {
            sb.Append(CultureInfo.InvariantCulture, $"[{l.Price},{l.Quantity},{l.Orders}]");
        }

        sb.Append(" asks=");
        foreach (BookLevel l in asks)
        {
            sb.Append(CultureInfo.InvariantCulture, $"[{l.Price},{l.Quantity},{l.Orders}]");
        }

        return sb.ToString();
    }
}
