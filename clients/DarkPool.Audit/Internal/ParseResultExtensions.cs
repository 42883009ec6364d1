using System.CommandLine;

namespace DarkPool.Audit.Internal;

/// <summary>Option values that are absent when the option was not given.</summary>
internal static class ParseResultExtensions
{
    /// <summary>
    /// The option's value, or null when the option is not on the command line (System.CommandLine gives an empty array
    /// for an absent array-valued option, which must not pass for an empty nonce or key).
    /// </summary>
    public static T? ValueIfGiven<T>(this ParseResult parse, Option<T> option) =>
        parse.GetResult(option) is null ? default : parse.GetValue(option);
}
