using System.CommandLine;
using DarkPool.Attestation.Verification;
using DarkPool.Cli.Internal;
using DarkPool.Client;
using DarkPool.CommandLine;
using DarkPool.Protocol.Accounts;
using Grpc.Core;
using Grpc.Net.Client;
using Spectre.Console;

namespace DarkPool.Cli.Commands;

/// <summary>
/// What every command shares: the tool's plumbing (output, <c>--format</c>, exit codes), the trader's global options, and
/// connecting to a server.
/// </summary>
internal sealed class CliContext(CommandLineTool tool)
{
    /// <summary>The default server address.</summary>
    public const string DefaultServer = "http://127.0.0.1:50051";

    public Option<Uri> Server { get; } = new("--server")
    {
        Description = $"the server's gRPC address (default {DefaultServer}, or DARKPOOL_SERVER)",
        DefaultValueFactory = _ => new Uri(Environment.GetEnvironmentVariable("DARKPOOL_SERVER") is { Length: > 0 } s ? s : DefaultServer),
        CustomParser = r => Uri.TryCreate(r.Tokens.Single().Value, UriKind.Absolute, out Uri? uri) && uri.Scheme is "http" or "https"
            ? uri
            : Error<Uri>(r, $"--server {r.Tokens.Single().Value} is not an http:// or https:// address"),
        Recursive = true,
    };

    public Option<string> Key { get; } = new("--key")
    {
        Description = "the account key file (default ~/.darkpool/key.json, or DARKPOOL_KEY)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("DARKPOOL_KEY") is { Length: > 0 } k ? k : KeyFile.DefaultPath,
        Recursive = true,
    };

    public Option<string?> Policy { get; } = new("--policy") { Description = "an attestation policy file (attest --save-policy writes one)", Recursive = true };

    public Option<string?> Root { get; } = new("--root") { Description = "the platform root certificate to pin (PEM or DER)", Recursive = true };

    public Option<string?> DataFolder { get; } = new("--data-folder")
    {
        Description = $"a local server's data folder: pins its {TraderPolicy.RootInDataFolder} (default ./{TraderPolicy.DefaultDataFolder} when present)",
        Recursive = true,
    };

    public Option<string[]> Measurement { get; } = new("--measurement")
    {
        Description = "an allowed enclave measurement (MRENCLAVE, 64 hex digits); repeat for several",
        AllowMultipleArgumentsPerToken = false,
        Recursive = true,
    };

    public Option<bool> AllowSimulated { get; } = new("--allow-simulated")
    {
        Description = "accept a SIMULATED enclave (no hardware isolation: development only)",
        Recursive = true,
    };

    public Option<int> Timeout { get; } = new("--timeout")
    {
        Description = "seconds to wait for the server on each call (default 15)",
        DefaultValueFactory = _ => 15,
        Recursive = true,
    };

    /// <summary>The options every command takes besides <c>--format</c> (which <see cref="CommandLineTool"/> adds).</summary>
    public IEnumerable<Option> GlobalOptions => [Server, Key, Policy, Root, DataFolder, Measurement, AllowSimulated, Timeout];

    /// <summary>
    /// Sets <paramref name="command"/>'s action to <paramref name="run"/> through <see cref="CommandLineTool.SetAction"/>,
    /// first turning a trader's failures into sentences (exit 1): a failed attestation, an unreachable or refusing server,
    /// a call that timed out.
    /// </summary>
    public void SetAction(Command command, Func<ParseResult, ToolOutput, CancellationToken, Task<int>> run) =>
        tool.SetAction(command, async (parse, output, cancellationToken) =>
        {
            try
            {
                return await run(parse, output, cancellationToken).ConfigureAwait(false);
            }
            catch (AttestationFailedException e)
            {
                throw CommandLineException.Failure($"attestation failed, nothing was sent: {e.Message}");
            }
            catch (RpcException e)
            {
                throw CommandLineException.Failure(Describe(e, parse.GetValue(Server)!));
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw CommandLineException.Failure("timed out waiting for the server");
            }
        });

    /// <summary>The passphrase of an encrypted key file: the environment variable, else a prompt in a terminal.</summary>
    public static string? Passphrase(ToolOutput output) =>
        Environment.GetEnvironmentVariable(KeyFile.PassphraseVariable) is { Length: > 0 } secret ? secret
            : output.IsTerminal && !Console.IsInputRedirected ? output.Console.Prompt(new TextPrompt<string>("Key passphrase:").Secret())
            : null;

    /// <summary>The attestation policy the options and policy file pin.</summary>
    public TraderPolicy ResolvePolicy(ParseResult parse) => TraderPolicy.Resolve(
        parse.GetValue(Root), parse.GetValue(DataFolder), parse.GetValue(Measurement) ?? [], parse.GetValue(AllowSimulated), parse.GetValue(Policy));

    /// <summary>A gRPC channel to the server.</summary>
    public GrpcChannel Channel(ParseResult parse) => GrpcChannel.ForAddress(parse.GetValue(Server)!);

    /// <summary>
    /// Loads the key, verifies the enclave's attestation against the pinned policy and opens a session. A SIMULATED enclave
    /// is accepted only when the policy allows it, and then a warning says so on standard error.
    /// </summary>
    public async Task<TraderSession> ConnectAsync(ParseResult parse, ToolOutput output, CancellationToken cancellationToken)
    {
        TraderPolicy policy = ResolvePolicy(parse);
        if (policy.Measurements.Count == 0)
        {
            throw CommandLineException.Usage("no enclave measurement pinned: pass --measurement HEX or --policy FILE ('darkpool attest' prints the server's)");
        }

        Secp256k1AccountKey account = KeyFile.Load(parse.GetValue(Key)!, () => Passphrase(output));
        GrpcChannel channel = Channel(parse);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(parse.GetValue(Timeout)));
            var options = new DarkPoolClientOptions { RequestTimeout = TimeSpan.FromSeconds(parse.GetValue(Timeout)) };
            VerificationPolicy verification = policy.ToVerificationPolicy(policy.LoadRoot());
            DarkPoolClient client = await DarkPoolClient.ConnectAsync(channel, account, verification, options, timeout.Token).ConfigureAwait(false);
            if (client.Attestation.IsSimulated)
            {
                output.Warn("WARNING: the enclave is SIMULATED (no hardware isolation; development only), accepted by --allow-simulated");
            }

            return new TraderSession(channel, account, client);
        }
        catch
        {
            channel.Dispose();
            account.Dispose();
            throw;
        }
    }

    /// <summary>A gRPC failure in one sentence.</summary>
    public static string Describe(RpcException e, Uri server) => e.StatusCode switch
    {
        StatusCode.Unavailable when e.InnerException is HttpRequestException or System.Net.Sockets.SocketException or IOException || e.Status.Detail.Contains("connect", StringComparison.OrdinalIgnoreCase)
            => $"cannot reach the server at {server} ({FirstLine(e.Status.Detail)})",
        StatusCode.DeadlineExceeded => $"the server at {server} did not answer in time",
        _ => $"the server at {server} refused the call: {e.StatusCode} {FirstLine(e.Status.Detail)}",
    };

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    private static T Error<T>(System.CommandLine.Parsing.ArgumentResult result, string message)
    {
        result.AddError(message);
        return default!;
    }
}
