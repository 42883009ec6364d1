using System.CommandLine;
using DarkPool.Cli.Internal;
using DarkPool.Protocol.Messages;

namespace DarkPool.Cli.Commands;

/// <summary><c>cancel ID [--market M]</c> or <c>cancel --all [--market M]</c>: cancels one order, or all of them (mass cancel).</summary>
internal sealed class CancelCommand : ICliCommand
{
    public Command Build(CliContext context)
    {
        var id = new Argument<long?>("client-order-id") { Description = "the order's client order id", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "cancel all your orders (in --market, or in every market)" };
        var market = new Option<int?>("--market") { Description = "market id (default 1 for one order; all markets with --all)" };
        var command = new Command("cancel", "Cancel an order by its client order id, or all orders with --all.") { id, all, market };
        Parsing.Check(command, r =>
        {
            if ((r.GetValue(id) is null) == !r.GetValue(all))
            {
                r.AddError("give either a client order id or --all");
            }
        });
        context.SetAction(command, async (parse, output, cancellationToken) =>
        {
            await using TraderSession session = await context.ConnectAsync(parse, output, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(all))
            {
                int? scope = parse.GetValue(market);
                var events = Answers.Of(await session.Client.MassCancelAsync(scope, cancellationToken).ConfigureAwait(false), "the mass cancel")
                    .Select(EventDocument.From).ToList();
                long count = events.Where(e => e.Kind == Names.Of(ResponseKind.MassCancelled)).Sum(e => e.Count ?? 0);
                EventTable.Print(output, true, $"{count} order(s) cancelled{(scope is null ? "" : $" in market {scope}")}", events);
                return DarkPoolCli.ExitSuccess;
            }

            long order = parse.GetValue(id)!.Value;
            var answers = Answers.Of(await session.Client.CancelAsync(parse.GetValue(market) ?? 1, order, cancellationToken).ConfigureAwait(false), $"the cancel of {order}")
                .Select(EventDocument.From).ToList();
            EventDocument? rejected = answers.FirstOrDefault(a => a.Kind == Names.Of(ResponseKind.RequestRejected));
            EventTable.Print(output, rejected is null, rejected is null ? $"order {order} cancelled" : $"cancel of {order} REJECTED: {rejected.Reason}", answers);
            return rejected is null ? DarkPoolCli.ExitSuccess : DarkPoolCli.ExitFailure;
        });
        return command;
    }
}
