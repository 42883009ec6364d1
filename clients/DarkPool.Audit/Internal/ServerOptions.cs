using System.CommandLine;
using DarkPool.CommandLine;

namespace DarkPool.Audit.Internal;

/// <summary>The <c>--server</c> option: an absolute http or https address; anything else is a usage error.</summary>
internal static class ServerOptions
{
    public static Option<Uri?> Server(string description) => new("--server")
    {
        Description = description,
        CustomParser = result => HttpAddressOption.Parse(result, "--server"),
    };
}
