using System.CommandLine;

namespace DarkPool.Audit.Internal;

/// <summary>The <c>--server</c> option: an absolute http or https address; anything else is a usage error.</summary>
internal static class ServerOptions
{
    public static Option<Uri?> Server(string description) => new("--server")
    {
        Description = description,
        CustomParser = result =>
        {
            string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                return uri;
            }

            result.AddError($"--server is an http:// or https:// address, e.g. http://127.0.0.1:50051, got '{text}'.");
            return null;
        },
    };
}
