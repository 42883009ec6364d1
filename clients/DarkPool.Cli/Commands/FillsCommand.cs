using System.CommandLine;
using System.Globalization;
using DarkPool.Cli.Internal;
using DarkPool.CommandLine;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Responses;
using Spectre.Console;

namespace DarkPool.Cli.Commands;

/// <summary>
/// <c>fills [--market M] [--limit N]</c>: the account's recent fills, newest first, from the enclave's bounded history
/// (the newest 128 per account).
/// </summary>
internal sealed class FillsCommand : ICliCommand
{
    public Command Build(CliContext context)
    {
        Option<int?> market = Parsing.MarketFilter();
        var limit = new Option<int>("--limit") { Description = "the most fills to show (default 20; the enclave keeps the newest 128)", DefaultValueFactory = _ => 20 };
        var command = new Command("fills", "List your recent fills, newest first.") { market, limit };
        context.SetAction(command, async (parse, output, cancellationToken) =>
        {
            if (parse.GetValue(limit) is < 1 or > 128)
            {
                throw CommandLineException.Usage("--limit must be from 1 to 128");
            }

            await using TraderSession session = await context.ConnectAsync(parse, output, cancellationToken).ConfigureAwait(false);
            var fills = new List<FillRow>();
            long cursor = 0;
            do
            {
                FillsPage page = Answers.Single(
                    await session.Client.FillsAsync(parse.GetValue(market), cursor, cancellationToken).ConfigureAwait(false), ResponseKind.FillsPage, "the fills query").Fills;
                fills.AddRange(page.Entries!.Select(f => new FillRow(
                    f.TimeUnixMs, f.Market, f.ClientOrderId, Names.Of(f.Side), f.Price, f.Quantity, f.Fee, Names.Of(f.Liquidity))));
                cursor = page.NextCursor;
            }
            while (cursor != 0 && fills.Count < parse.GetValue(limit));

            fills = [.. fills.Take(parse.GetValue(limit))];
            if (output.IsJson)
            {
                output.Json(new { Ok = true, Account = session.Account.ToString(), Fills = fills });
                return DarkPoolCli.ExitSuccess;
            }

            var table = new Table().Border(TableBorder.Simple)
                .AddColumn("time (UTC)").AddColumn("market").AddColumn("order").AddColumn("side").AddColumn("price").AddColumn("qty").AddColumn("fee").AddColumn("liquidity");
            foreach (FillRow f in fills)
            {
                table.AddRow(
                    new Text(DateTimeOffset.FromUnixTimeMilliseconds(f.TimeUnixMs).ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture)), Cell(f.Market),
                    Cell(f.ClientOrderId), new Text(f.Side), Cell(f.Price), Cell(f.Quantity), Cell(f.Fee), new Text(f.Liquidity));
            }

            output.Console.Write(table);
            output.Line($"{fills.Count} fill(s) for {session.Account}, newest first");
            return DarkPoolCli.ExitSuccess;
        });
        return command;
    }

    private static Text Cell(long value) => new(value.ToString(CultureInfo.InvariantCulture));

    private sealed record FillRow(long TimeUnixMs, int Market, long ClientOrderId, string Side, long Price, long Quantity, long Fee, string Liquidity);
}
