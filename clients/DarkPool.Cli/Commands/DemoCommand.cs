using System.CommandLine;
using System.Globalization;
using DarkPool.Cli.Demo;
using DarkPool.CommandLine;
using Spectre.Console;

namespace DarkPool.Cli.Commands;

/// <summary>
/// <c>demo [--traders N] [--orders N] [--seed S]</c>: the whole system in one process for a newcomer to watch (server,
/// attestation, sealed orders, fills, balances), ending with a summary. Needs no server, key or policy.
/// </summary>
internal sealed class DemoCommand : ICliCommand
{
    public Command Build(CliContext context)
    {
        var traders = new Option<int>("--traders") { Description = "traders besides the market maker (default 3)", DefaultValueFactory = _ => 3 };
        var orders = new Option<int>("--orders") { Description = "orders the traders send (default 24)", DefaultValueFactory = _ => 24 };
        var seed = new Option<int>("--seed") { Description = "seed of the traders' choices (default 7)", DefaultValueFactory = _ => 7 };
        var command = new Command("demo", "Run a server in this process with a market maker and a few traders, and show it all working (under a minute).")
        {
            traders, orders, seed,
        };
        context.SetAction(command, async (parse, output, cancellationToken) =>
        {
            if (parse.GetValue(traders) is < 1 or > 20 || parse.GetValue(orders) is < 1 or > 1_000)
            {
                throw CommandLineException.Usage("--traders must be from 1 to 20 and --orders from 1 to 1000");
            }

            var runner = new DemoRunner(parse.GetValue(traders), parse.GetValue(orders), parse.GetValue(seed));
            if (!output.IsJson)
            {
                output.Line("DarkPool demo: a SIMULATED enclave (no hardware isolation) in this process; nothing here is for real funds.");
            }

            DemoSummary summary;
            try
            {
                summary = await RunAsync(runner, output, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException e)
            {
                throw CommandLineException.Failure($"the demo's server did not start: {e.Message}");
            }

            Print(output, summary);
            return summary.Ok ? DarkPoolCli.ExitSuccess : DarkPoolCli.ExitFailure;
        });
        return command;
    }

    private static async Task<DemoSummary> RunAsync(DemoRunner runner, ToolOutput output, CancellationToken cancellationToken)
    {
        if (!output.IsTerminal || output.IsJson)
        {
            return await runner.RunAsync(new LineSteps(output), cancellationToken).ConfigureAwait(false);
        }

        DemoSummary? result = null;
        await output.Console.Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async ctx => result = await runner.RunAsync(new SpectreSteps(ctx), cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        return result!;
    }

    private static void Print(ToolOutput output, DemoSummary s)
    {
        if (output.IsJson)
        {
            output.Json(s);
            return;
        }

        var balances = new Table().Border(TableBorder.Simple).AddColumn("account").AddColumn("address").AddColumn("asset").AddColumn("before").AddColumn("after").AddColumn("change");
        foreach (BalanceMove b in s.Balances)
        {
            balances.AddRow(b.Role, b.Account, Text(b.Asset), Text(b.Before), Text(b.After), b.Change > 0 ? $"+{Text(b.Change)}" : Text(b.Change));
        }

        output.Console.Write(balances);
        var summary = new Table().HideHeaders().Border(TableBorder.Rounded).AddColumn("what").AddColumn("value");
        summary.AddRow("enclave", $"{(s.Simulated ? "SIMULATED" : "hardware")}, MRENCLAVE {s.Measurement}, attestation verified by every client");
        summary.AddRow("participants", $"{s.MarketMakers} market maker, {s.Traders} traders");
        summary.AddRow("orders sealed", $"{s.OrdersSealed} ({s.OrdersAccepted} accepted, {s.OrdersRejected} rejected)");
        summary.AddRow("fills", $"{s.Fills} ({s.VolumeLots} lots); {s.MakerFillsStreamed} reached the market maker's stream");
        summary.AddRow("assets conserved", s.AssetsConserved ? "yes" : "NO");
        summary.AddRow("took", $"{(s.ElapsedMs / 1000.0).ToString("0.0", CultureInfo.InvariantCulture)} s");
        output.Console.Write(summary);
        output.Line(s.Ok ? "demo complete" : "demo FAILED (see above)");
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
