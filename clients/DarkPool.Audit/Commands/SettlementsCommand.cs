using System.CommandLine;
using System.Globalization;
using DarkPool.Audit.Internal;
using DarkPool.ChainClient;
using DarkPool.CommandLine;
using Grpc.Net.Client;

namespace DarkPool.Audit.Commands;

/// <summary>
/// <c>settlements --server URL [--rpc-url URL]</c>: walks every settlement batch on the server's chain and checks each
/// signature against the enclave key registered for it, the sequence and hash chain, the deposit cursors against the
/// deposits' running hash, and custody (docs/SETTLEMENT.md §12). Prints a summary; exits 1 on any break.
/// </summary>
internal sealed class SettlementsCommand : IAuditCommand
{
    public Command Build(CommandLineTool tool)
    {
        Option<Uri?> server = ServerOptions.Server("the gateway, e.g. http://127.0.0.1:50051 (it says which chain it settles to)");
        server.Required = true;
        Option<Uri?> rpc = HttpAddressOption.Create("--rpc-url", "EVM chains: the node to read, instead of the address the server reports (read the chain yourself)");
        var command = new Command("settlements", "Verify the whole settlement log on chain: signatures, sequence, hash chain, deposit cursors, custody.") { server, rpc };
        tool.SetAction(command, async (parse, output, cancellationToken) =>
        {
            using GrpcChannel channel = GrpcChannel.ForAddress(parse.GetValue(server)!);
            SettlementAuditReport report;
            string backend;
            try
            {
                await using SettlementChain chain = await SettlementChain.ConnectAsync(channel, parse.GetValue(rpc), cancellationToken).ConfigureAwait(false);
                backend = $"{chain.Info.Backend} chain {chain.Info.ChainId}, contract {chain.Info.Contract}";
                report = await SettlementAudit.RunAsync(chain.View, cancellationToken).ConfigureAwait(false);
            }
            catch (Grpc.Core.RpcException e)
            {
                throw CommandLineException.Failure($"the server did not answer: {e.Status.Detail}");
            }

            Write(report, backend, output);
            return report.IsSound ? AuditCli.ExitSuccess : AuditCli.ExitFailure;
        });
        return command;
    }

    private static void Write(SettlementAuditReport report, string backend, ToolOutput output)
    {
        if (output.IsJson)
        {
            output.Json(new
            {
                sound = report.IsSound,
                chain = backend,
                batches = report.Batches,
                deposits = report.Deposits,
                settledDepositIndex = report.SettledDepositIndex,
                withdrawals = report.Withdrawals,
                keys = report.KeyRegistrations.Select(k => new { key = k.Key.ToString(), fromSequence = k.FromSequence }),
                custody = report.Custody.Select(c => new
                {
                    token = c.Token.ToString(),
                    expected = c.Expected.ToString(CultureInfo.InvariantCulture),
                    onChain = c.OnChain.ToString(CultureInfo.InvariantCulture),
                }),
                breaks = report.Breaks,
            });
            return;
        }

        output.Line($"settlement log of the {backend}");
        output.Line($"  batches:        {report.Batches}");
        output.Line($"  deposits:       {report.Deposits} (credited up to {report.SettledDepositIndex})");
        output.Line($"  withdrawals:    {report.Withdrawals}");
        foreach (Chain.KeyRegistration key in report.KeyRegistrations)
        {
            output.Line($"  enclave key:    {key.Key} from batch {key.FromSequence}");
        }

        foreach ((Chain.EthAddress token, System.Numerics.BigInteger expected, System.Numerics.BigInteger onChain) in report.Custody)
        {
            output.Line($"  custody:        {token} {onChain.ToString(CultureInfo.InvariantCulture)} (deposits minus withdrawals {expected.ToString(CultureInfo.InvariantCulture)})");
        }

        foreach (string problem in report.Breaks)
        {
            output.Line($"  BREAK: {problem}");
        }

        output.Line(report.IsSound ? "OK: every batch checks" : $"FAILED: {report.Breaks.Count} break(s)");
    }
}
