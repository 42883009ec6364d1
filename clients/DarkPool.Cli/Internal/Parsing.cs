using System.CommandLine;
using System.CommandLine.Parsing;

namespace DarkPool.Cli.Internal;

/// <summary>Shared option shapes and parsers.</summary>
internal static class Parsing
{
    /// <summary>The market option (default 1, the server's default market).</summary>
    public static Option<int> MarketOption() => new("--market") { Description = "market id (default 1)", DefaultValueFactory = _ => 1 };

    /// <summary>An optional market filter.</summary>
    public static Option<int?> MarketFilter() => new("--market") { Description = "only this market (default: all)" };

    /// <summary>
    /// Adds a command-level check that reads parsed values; when an option's own value does not parse, reading it throws,
    /// and that option's parse error is what the user sees instead.
    /// </summary>
    public static void Check(Command command, Action<CommandResult> check) => command.Validators.Add(r =>
    {
        try
        {
            check(r);
        }
        catch (InvalidOperationException)
        {
            // The option's own parse error is reported.
        }
    });

    /// <summary>Parses an enum from its snake_case name; an unknown name is a usage error listing the accepted ones.</summary>
    public static T Enum<T>(ArgumentResult result)
        where T : struct, System.Enum
    {
        string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (Names.TryParse(text, out T value))
        {
            return value;
        }

        result.AddError($"'{text}' is not one of {Names.All<T>()}");
        return default;
    }
}
