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
