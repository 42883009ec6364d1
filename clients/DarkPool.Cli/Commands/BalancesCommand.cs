using System.CommandLine;
using System.Globalization;
using DarkPool.Cli.Internal;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Responses;
using Spectre.Console;

namespace DarkPool.Cli.Commands;

/// <summary><c>balances</c>: the dark wallet, per asset: available and held by open orders (all pages).</summary>
internal sealed class BalancesCommand : ICliCommand
{
    public Command Build(CliContext context)
    {
        var command = new Command("balances", "Show your dark-wallet balances: available, and held by open orders.");
        context.SetAction(command, async (parse, output, cancellationToken) =>
        {
            await using TraderSession session = await context.ConnectAsync(parse, output, cancellationToken).ConfigureAwait(false);
            var balances = new List<BalanceRow>();
            long cursor = 0;
            do
            {
                BalancePage page = Answers.Single(await session.Client.BalancesAsync(cursor, cancellationToken).ConfigureAwait(false), ResponseKind.BalancePage, "the balance query")
                    .Balances;
                balances.AddRange(page.Entries!.Select(e => new BalanceRow(e.Asset, e.Available, e.Held)));
                cursor = page.NextCursor;
            }
            while (cursor != 0);

            if (output.IsJson)
            {
                output.Json(new { Ok = true, Account = session.Account.ToString(), Balances = balances });
                return DarkPoolCli.ExitSuccess;
            }

            var table = new Table().Border(TableBorder.Simple).AddColumn("asset").AddColumn("available").AddColumn("held");
            foreach (BalanceRow b in balances)
            {
                table.AddRow(Cell(b.Asset), Cell(b.Available), Cell(b.Held));
            }

            output.Console.Write(table);
            output.Line(balances.Count == 0 ? $"no balances for {session.Account} (deposit first: darkpool deposit)" : $"balances of {session.Account}");
            return DarkPoolCli.ExitSuccess;
        });
        return command;
    }

    private static Text Cell(long value) => new(value.ToString(CultureInfo.InvariantCulture));

    private sealed record BalanceRow(int Asset, long Available, long Held);
}
