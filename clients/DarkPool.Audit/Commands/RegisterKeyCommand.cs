using System.CommandLine;
using DarkPool.Attestation.Quotes;
using DarkPool.Audit.Internal;
using DarkPool.Chain;
using DarkPool.ChainClient;
using DarkPool.CommandLine;
using Grpc.Core;
using Grpc.Net.Client;

namespace DarkPool.Audit.Commands;

/// <summary>
/// <c>register-key --server URL --policy FILE --governance-key FILE [--root FILE] [--rpc-url URL --contract ADDRESS]</c>:
/// governance registers the enclave's settlement key after verifying its attestation (docs/SETTLEMENT.md, "Registering
/// the enclave key"). The server's evidence for a nonce drawn now is verified against the policy exactly as
/// <c>verify-quote --server</c> verifies it; REPORTDATA binds the settlement public key, so the key registered is the
/// attested one. Any failed check exits 1 with nothing sent to the chain; a key already registered exits 0, nothing sent.
/// </summary>
internal sealed class RegisterKeyCommand : IAuditCommand
{
    public Command Build(CommandLineTool tool)
    {
        Option<Uri?> server = ServerOptions.Server("the server whose enclave key to register, e.g. http://127.0.0.1:50051");
        server.Required = true;
        var policy = new Option<string>("--policy") { Description = "the policy file the attestation must pass (docs/ATTESTATION.md §7.2)", Required = true };
        var governanceKey = new Option<string>("--governance-key")
        {
            Description = "the governance key: a file holding the secp256k1 private key as 64 hex digits (the format of <data>/chain-governance.key)",
            Required = true,
        };
        var root = new Option<string?>("--root")
        {
            Description = "the root certificate to pin, DER or PEM (default: the server's own, only under a policy that allows simulation)",
        };
        Option<Uri?> rpc = HttpAddressOption.Create("--rpc-url", "EVM chains: the node to send the registration to (default: the node the server reports)");
        var contract = new Option<EthAddress?>("--contract")
        {
            Description = "EVM chains: the settlement contract (default: the server's)",
            CustomParser = result =>
            {
                string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
                try
                {
                    return EthAddress.Parse(text);
                }
                catch (Exception e) when (e is FormatException or ArgumentException)
                {
                    result.AddError($"--contract is an address: 0x and 40 hex digits, got '{text}'.");
                    return null;
                }
            },
        };
        var command = new Command("register-key", "Verify the enclave's attestation against a policy, then register its attested settlement key on chain as governance.")
        {
            server, policy, governanceKey, root, rpc, contract,
        };
        tool.SetAction(command, async (parse, output, cancellationToken) =>
        {
            Uri url = parse.GetValue(server)!;
            AuditPolicy loaded = AuditPolicy.Load(parse.GetValue(policy)!);
            string? rootPath = parse.GetValue(root);
            QuoteCheck.RequirePinnedRoot(rootPath, loaded);

            ChainKey governance = LoadGovernanceKey(parse.GetValue(governanceKey)!);
            Attested attested = await VerifyAsync(url, rootPath, loaded, cancellationToken).ConfigureAwait(false);
            if (!attested.Report.Ok)
            {
                return Refuse(output, attested, $"check {attested.Report.FailedCheck} failed: {attested.Report.FailedDetail}; nothing was sent to the chain");
            }

            EnclaveKeyRegistrationResult result;
            try
            {
                result = await RegisterAsync(url, governance, attested.EnclaveKey, parse.GetValue(rpc), parse.GetValue(contract), cancellationToken).ConfigureAwait(false);
            }
            catch (CommandLineException e) when (e.ExitCode == ExitCodes.Failure)
            {
                return Refuse(output, attested, e.Message);
            }

            Write(output, attested, result, null);
            return AuditCli.ExitSuccess;
        });
        return command;
    }

    private static ChainKey LoadGovernanceKey(string path)
    {
        try
        {
            return GovernanceKeyFile.Load(path);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            throw CommandLineException.Failure($"cannot use the governance key file: {e.Message}");
        }
    }

    // verify-quote --server's run: a nonce drawn now, the server's keys bound in REPORTDATA, every check of the policy.
    private static async Task<Attested> VerifyAsync(Uri server, string? rootPath, AuditPolicy policy, CancellationToken cancellationToken)
    {
        VerificationInput input = await QuoteCheck.FromServerAsync(
            server, rootPath, "malformed enclave keys; nothing was sent to the chain", cancellationToken).ConfigureAwait(false);
        (_, CheckReport report, Quote? quote) = QuoteCheck.Run(input, policy);
        byte[] settlementPublicKey = input.Binding!.SettlementPublicKey.ToArray();
        EthAddress key = EthAddress.Zero;
        if (report.Ok)
        {
            try
            {
                key = EnclaveKeyRegistration.AddressOf(settlementPublicKey);
            }
            catch (ArgumentException e)
            {
                throw CommandLineException.Failure($"the attested settlement key has no Ethereum address ({e.Message}); nothing was sent to the chain");
            }
        }

        return new Attested(server, report, quote, settlementPublicKey, key);
    }

    private static async Task<EnclaveKeyRegistrationResult> RegisterAsync(
        Uri server, ChainKey governance, EthAddress key, Uri? rpcUrl, EthAddress? contract, CancellationToken cancellationToken)
    {
        try
        {
            using GrpcChannel channel = GrpcChannel.ForAddress(server);
            await using DevChainClient gateway = await DevChainClient.ConnectAsync(channel, cancellationToken).ConfigureAwait(false);
            return await EnclaveKeyRegistration.RegisterAsync(gateway, governance, key, rpcUrl, contract, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            throw CommandLineException.Usage(e.Message);
        }
        catch (ChainRejectedException e)
        {
            throw CommandLineException.Failure($"the chain refused the registration: {e.Error}: {e.Message}");
        }
        catch (RpcException e)
        {
            throw CommandLineException.Failure($"the server refused the registration: {e.StatusCode}: {e.Status.Detail}");
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or Nethereum.JsonRpc.Client.RpcClientUnknownException)
        {
            throw CommandLineException.Failure($"the EVM chain could not be used: {e.Message}");
        }
    }

    private static int Refuse(ToolOutput output, Attested attested, string error)
    {
        Write(output, attested, null, error);
        output.Error.WriteLine($"darkpool-audit: {error}");
        return AuditCli.ExitFailure;
    }

    private static void Write(ToolOutput output, Attested attested, EnclaveKeyRegistrationResult? result, string? error)
    {
        ReportBody? body = attested.Quote?.EnclaveReport;
        if (output.IsJson)
        {
            output.Json(new
            {
                ok = error is null,
                error,
                server = attested.Server.ToString(),
                attestation = new
                {
                    ok = attested.Report.Ok,
                    failedCheck = attested.Report.Ok ? null : attested.Report.FailedCheck.ToString(),
                    detail = attested.Report.Ok ? null : attested.Report.FailedDetail,
                    mrenclave = body?.MrEnclave.ToString(),
                    simulated = attested.Quote?.IsSimulated,
                    debug = body?.IsDebug,
                },
                settlementPublicKey = Convert.ToHexStringLower(attested.SettlementPublicKey),
                enclaveKey = attested.Report.Ok ? attested.EnclaveKey.ToString() : null,
                chain = result is null ? null : new { backend = result.Backend, chainId = result.ChainId, contract = result.Contract.ToString() },
                previousKey = result?.PreviousKey.ToString(),
                alreadyRegistered = result?.AlreadyRegistered,
                registration = result?.Registration is { } r ? new { key = r.Key.ToString(), fromSequence = r.FromSequence, blockNumber = r.BlockNumber } : null,
            });
            return;
        }

        string unverified = attested.Report.Ok ? string.Empty : " (as the quote states it; not verified)";
        output.Line(attested.Report.Ok
            ? $"attestation of {attested.Server}: every check of the policy passed (fresh nonce, REPORTDATA binds the settlement key)"
            : $"attestation of {attested.Server}: FAIL: {attested.Report.FailedCheck}: {attested.Report.FailedDetail}");
        output.Line($"  MRENCLAVE:       {body?.MrEnclave.ToString() ?? "(the quote does not parse)"}{unverified}");
        output.Line($"  simulated:       {(attested.Quote is null ? "unknown" : attested.Quote.IsSimulated ? "yes, the SIMULATED platform" : "no")}{unverified}");
        if (attested.Report.Ok)
        {
            output.Line($"  settlement key:  {attested.EnclaveKey}");
        }

        if (result is not null)
        {
            output.Line($"chain: {result.Backend} chain {result.ChainId}, contract {result.Contract}");
            output.Line(result.Registration is { } r
                ? $"REGISTERED: {r.Key} signs batches from {r.FromSequence} on (block {r.BlockNumber}); it replaces {(result.PreviousKey.IsZero ? "no key" : result.PreviousKey.ToString())}"
                : $"already registered: {result.Key} is the chain's enclave key; nothing was sent");
        }
        else if (error is not null)
        {
            output.Line($"NOT REGISTERED: {error}");
        }
    }

    /// <summary>What the attestation run established; <see cref="EnclaveKey"/> is set only when every check passed.</summary>
    private sealed record Attested(Uri Server, CheckReport Report, Quote? Quote, byte[] SettlementPublicKey, EthAddress EnclaveKey);
}
