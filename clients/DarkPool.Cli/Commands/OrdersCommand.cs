using System.CommandLine;
using System.Globalization;
using DarkPool.Cli.Internal;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Responses;
using Spectre.Console;

namespace DarkPool.Cli.Commands;

/// <summary><c>orders [--market M]</c>: every live order of the account (all pages).</summary>
internal sealed class OrdersCommand : ICliCommand
{
    public Command Build(CliContext context)
    {
        Option<int?> market = Parsing.MarketFilter();
        var command = new Command("orders", "List your open orders.") { market };
        context.SetAction(command, async (parse, output, cancellationToken) =>
        {
            await using TraderSession session = await context.ConnectAsync(parse, output, cancellationToken).ConfigureAwait(false);
            var orders = new List<OrderRow>();
            long cursor = 0;
            do
            {
                OpenOrdersPage page = Answers.Single(
                    await session.Client.OpenOrdersAsync(parse.GetValue(market), cursor, cancellationToken).ConfigureAwait(false), ResponseKind.OpenOrdersPage, "the open-orders query")
                    .OpenOrders;
                orders.AddRange(page.Entries!.Select(e => new OrderRow(e.Market, e.ClientOrderId, Names.Of(e.Side), Names.Of(e.Type), e.Price, e.Remaining)));
                cursor = page.NextCursor;
            }
            while (cursor != 0);

            if (output.IsJson)
            {
                output.Json(new { Ok = true, Account = session.Account.ToString(), Orders = orders });
                return DarkPoolCli.ExitSuccess;
            }

            var table = new Table().Border(TableBorder.Simple).AddColumn("market").AddColumn("order").AddColumn("side").AddColumn("type").AddColumn("price").AddColumn("remaining");
            foreach (OrderRow o in orders)
            {
                table.AddRow(Cell(o.Market), Cell(o.ClientOrderId), new Text(o.Side), new Text(o.Type), o.Price is null ? new Text("-") : Cell(o.Price.Value), Cell(o.Remaining));
            }

            output.Console.Write(table);
            output.Line($"{orders.Count} open order(s) for {session.Account}");
            return DarkPoolCli.ExitSuccess;
        });
        return command;
    }

    private static Text Cell(long value) => new(value.ToString(CultureInfo.InvariantCulture));

    private sealed record OrderRow(int Market, long ClientOrderId, string Side, string Type, long? Price, long Remaining);
}
