using System.CommandLine;
using System.CommandLine.Parsing;

namespace DarkPool.CommandLine;

/// <summary>
/// Options whose value is an absolute http:// or https:// address (a gateway, a chain node's JSON-RPC). System.CommandLine
/// has no parser of its own for <see cref="Uri"/>, so every such option needs this one: anything else is a usage error.
/// </summary>
public static class HttpAddressOption
{
    /// <summary>An optional address option called <paramref name="name"/>.</summary>
    public static Option<Uri?> Create(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result => Parse(result, name),
    };

    /// <summary>The address in <paramref name="result"/>, or null with a usage error added.</summary>
    public static Uri? Parse(ArgumentResult result, string name)
    {
        ArgumentNullException.ThrowIfNull(result);
        string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        if (Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }

        result.AddError($"{name} is an http:// or https:// address, got '{text}'.");
        return null;
    }
}
