using System.CommandLine;
using DarkPool.Cli.Internal;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;

namespace DarkPool.Cli.Commands;

/// <summary>
/// <c>order buy|sell QUANTITY [--price P] [--market M] [--type limit|market|midpoint] [--tif gtc|ioc|fok] ...</c>: seals
/// and places one order; prints the acceptance and any fills. Exit 1 when rejected.
/// </summary>
internal sealed class OrderCommand : ICliCommand
{
    public Command Build(CliContext context)
    {
        var side = new Argument<OrderSide>("side") { Description = "buy or sell", CustomParser = Parsing.Enum<OrderSide> };
        var quantity = new Argument<long>("quantity") { Description = "lots" };
        var price = new Option<long?>("--price") { Description = "limit price in ticks (a midpoint order's cap or floor)" };
        Option<int> market = Parsing.MarketOption();
        var type = new Option<OrderKind>("--type") { Description = Names.All<OrderKind>(), DefaultValueFactory = _ => OrderKind.Limit, CustomParser = Parsing.Enum<OrderKind> };
        var tif = new Option<OrderTimeInForce>("--tif") { Description = Names.All<OrderTimeInForce>(), DefaultValueFactory = _ => OrderTimeInForce.Gtc, CustomParser = Parsing.Enum<OrderTimeInForce> };
        var postOnly = new Option<bool>("--post-only") { Description = "reject instead of taking liquidity" };
        var id = new Option<long?>("--id") { Description = "client order id (default: the current Unix time in ms); unique among your live orders" };
        var budget = new Option<long?>("--budget") { Description = "market orders: the most quote units to spend" };
        var minQuantity = new Option<long?>("--min-quantity") { Description = "the least lots that may trade" };
        var stp = new Option<SelfTradePrevention>("--stp")
        {
            Description = Names.All<SelfTradePrevention>(), DefaultValueFactory = _ => SelfTradePrevention.CancelResting, CustomParser = Parsing.Enum<SelfTradePrevention>,
        };
        var command = new Command("order", "Place an order (sealed on this machine, matched inside the enclave).")
        {
            side, quantity, price, market, type, tif, postOnly, id, budget, minQuantity, stp,
        };
        Parsing.Check(command, r =>
        {
            OrderKind kind = r.GetValue(type);
            if (kind == OrderKind.Limit && r.GetValue(price) is null)
            {
                r.AddError("a limit order needs --price");
            }

            if (kind == OrderKind.Market && r.GetValue(price) is not null)
            {
                r.AddError("a market order has no --price (use --budget to cap what it spends)");
            }

            if (r.GetValue(quantity) <= 0)
            {
                r.AddError("quantity must be at least 1 lot");
            }
        });
        context.SetAction(command, async (parse, output, cancellationToken) =>
        {
            long clientOrderId = parse.GetValue(id) ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var order = new PlaceOrder
            {
                Market = parse.GetValue(market), ClientOrderId = clientOrderId, Side = parse.GetValue(side), Type = parse.GetValue(type),
                TimeInForce = parse.GetValue(tif), Price = parse.GetValue(price), Quantity = parse.GetValue(quantity), Budget = parse.GetValue(budget),
                MinQuantity = parse.GetValue(minQuantity), PostOnly = parse.GetValue(postOnly), Stp = parse.GetValue(stp),
            };
            await using TraderSession session = await context.ConnectAsync(parse, output, cancellationToken).ConfigureAwait(false);
            var answers = Answers.Of(await session.Client.PlaceAsync(order, cancellationToken).ConfigureAwait(false), $"order {clientOrderId}")
                .Select(EventDocument.From).ToList();
            EventDocument? rejected = answers.FirstOrDefault(a => a.Kind == Names.Of(ResponseKind.RequestRejected));
            long filled = answers.Where(a => a.Kind == Names.Of(ResponseKind.OrderFilled)).Sum(a => a.Quantity ?? 0);
            string verdict = rejected is not null
                ? $"order {clientOrderId} REJECTED: {rejected.Reason}"
                : $"order {clientOrderId} accepted; {filled} of {order.Quantity} lots filled";
            EventTable.Print(output, rejected is null, verdict, answers, new { ClientOrderId = clientOrderId, Filled = filled });
            return rejected is null ? DarkPoolCli.ExitSuccess : DarkPoolCli.ExitFailure;
        });
        return command;
    }
}
