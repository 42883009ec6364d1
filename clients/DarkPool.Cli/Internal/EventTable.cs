using DarkPool.CommandLine;
using Spectre.Console;

namespace DarkPool.Cli.Internal;

/// <summary>Answers and events as a table (text) or in a document (JSON).</summary>
internal static class EventTable
{
    public static Table Create() => new Table().Border(TableBorder.Simple)
        .AddColumn("time (UTC)").AddColumn("event").AddColumn("market").AddColumn("order").AddColumn("detail");

    public static void Add(Table table, EventDocument e) => table.AddRow(
        new Text(e.Time), new Text(e.Kind), new Text(e.Market?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"),
        new Text(e.ClientOrderId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"), new Text(e.Detail));

    /// <summary>Prints a request's answers: a JSON document with <paramref name="ok"/>, or a table and a verdict line.</summary>
    public static void Print(ToolOutput output, bool ok, string verdict, IReadOnlyList<EventDocument> events, object? extra = null)
    {
        if (output.IsJson)
        {
            output.Json(new AnswerDocument(ok, verdict, events, extra));
            return;
        }

        if (events.Count > 0)
        {
            Table table = Create();
            foreach (EventDocument e in events)
            {
                Add(table, e);
            }

            output.Console.Write(table);
        }

        output.Line(verdict);
    }

    private sealed record AnswerDocument(bool Ok, string Result, IReadOnlyList<EventDocument> Events, object? Details);
}
