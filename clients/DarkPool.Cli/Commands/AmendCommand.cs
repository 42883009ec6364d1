using System.CommandLine;
using DarkPool.Cli.Internal;
using DarkPool.Protocol.Messages;

namespace DarkPool.Cli.Commands;

/// <summary>
/// <c>amend ID [--price P] [--quantity Q] [--market M]</c>: changes an order's price and/or remaining quantity (reducing
/// the quantity keeps its place in the queue; a new price or more lots lose it).
/// </summary>
internal sealed class AmendCommand : ICliCommand
{
    public Command Build(CliContext context)
    {
        var id = new Argument<long>("client-order-id") { Description = "the order's client order id" };
        var price = new Option<long?>("--price") { Description = "the new price in ticks" };
        var quantity = new Option<long?>("--quantity") { Description = "the new remaining quantity in lots" };
        Option<int> market = Parsing.MarketOption();
        var command = new Command("amend", "Change an order's price and/or remaining quantity.") { id, price, quantity, market };
        Parsing.Check(command, r =>
        {
            if (r.GetValue(price) is null && r.GetValue(quantity) is null)
            {
                r.AddError("give --price, --quantity or both");
            }
        });
        context.SetAction(command, async (parse, output, cancellationToken) =>
        {
            long order = parse.GetValue(id);
            await using TraderSession session = await context.ConnectAsync(parse, output, cancellationToken).ConfigureAwait(false);
            var answers = Answers.Of(
                await session.Client.AmendAsync(parse.GetValue(market), order, parse.GetValue(price), parse.GetValue(quantity), cancellationToken).ConfigureAwait(false),
                $"the amend of {order}").Select(EventDocument.From).ToList();
            EventDocument? rejected = answers.FirstOrDefault(a => a.Kind == Names.Of(ResponseKind.RequestRejected));
            EventTable.Print(output, rejected is null, rejected is null ? $"order {order} amended" : $"amend of {order} REJECTED: {rejected.Reason}", answers);
            return rejected is null ? DarkPoolCli.ExitSuccess : DarkPoolCli.ExitFailure;
        });
        return command;
    }
}
