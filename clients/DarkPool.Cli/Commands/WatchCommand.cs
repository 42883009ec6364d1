using System.CommandLine;
using DarkPool.Cli.Internal;
using DarkPool.Protocol.Messages;
using Spectre.Console;

namespace DarkPool.Cli.Commands;

/// <summary>
/// <c>watch [--count N] [--duration S]</c>: a live table of the account's own events (fills of resting orders, cancels,
/// balance changes), decrypted on this machine, until Ctrl+C, N events or S seconds. In a terminal a live table; otherwise
/// one line per event (with <c>--format json</c> one JSON object per line, after a first <c>{"kind": "watching"}</c> line).
/// </summary>
internal sealed class WatchCommand : ICliCommand
{
    private const int LiveRows = 20;

    public Command Build(CliContext context)
    {
        var count = new Option<int?>("--count") { Description = "stop after this many events" };
        var duration = new Option<double?>("--duration") { Description = "stop after this many seconds" };
        var command = new Command("watch", "Watch your own events live (fills, cancels, balance changes) until Ctrl+C.") { count, duration };
        Parsing.Check(command, r =>
        {
            if (r.GetValue(count) is < 1 || r.GetValue(duration) is <= 0)
            {
                r.AddError("--count and --duration must be positive");
            }
        });
        context.SetAction(command, async (parse, output, cancellationToken) =>
        {
            await using TraderSession session = await context.ConnectAsync(parse, output, cancellationToken).ConfigureAwait(false);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (parse.GetValue(duration) is { } seconds)
            {
                stop.CancelAfter(TimeSpan.FromSeconds(seconds));
            }

            int limit = parse.GetValue(count) ?? int.MaxValue;
            int seen = 0;
            if (output.IsJson)
            {
                // First line: connected and attested, events follow (a script knows from here that nothing is missed).
                output.JsonLine(new { Kind = "watching", Account = session.Account.ToString(), Server = parse.GetValue(context.Server)!.ToString() });
            }
            else
            {
                output.Line($"watching {session.Account} on {parse.GetValue(context.Server)} (Ctrl+C to stop)");
            }

            Table? live = output.IsTerminal && !output.IsJson ? EventTable.Create() : null;
            async Task ReadAsync(Action? refresh)
            {
                try
                {
                    await foreach (DecodedResponse response in session.Client.EventsAsync(stop.Token).ConfigureAwait(false))
                    {
                        EventDocument e = EventDocument.From(response);
                        if (output.IsJson)
                        {
                            output.JsonLine(e);
                        }
                        else if (live is not null)
                        {
                            EventTable.Add(live, e);
                            if (live.Rows.Count > LiveRows)
                            {
                                live.Rows.RemoveAt(0);
                            }

                            refresh?.Invoke();
                        }
                        else
                        {
                            output.Line($"{e.Time}  {e.Kind,-20} market {e.Market?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",-4} order {e.ClientOrderId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",-14} {e.Detail}");
                        }

                        if (++seen >= limit)
                        {
                            return;
                        }
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    // Ctrl+C or --duration: a normal end.
                }
            }

            if (live is not null)
            {
                await output.Console.Live(live).StartAsync(async ctx => await ReadAsync(ctx.Refresh).ConfigureAwait(false)).ConfigureAwait(false);
            }
            else
            {
                await ReadAsync(null).ConfigureAwait(false);
            }

            if (!output.IsJson)
            {
                output.Line($"{seen} event(s)");
            }

            return DarkPoolCli.ExitSuccess;
        });
        return command;
    }
}
