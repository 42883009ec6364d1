using System.CommandLine;
using System.Numerics;
using System.Security.Cryptography;
using DarkPool.Chain;
using DarkPool.ChainClient;
using DarkPool.Cli.Internal;
using DarkPool.CommandLine;
using DarkPool.Protocol.Accounts;
using Grpc.Net.Client;
using Spectre.Console;

namespace DarkPool.Cli.Commands;

/// <summary>
/// <c>deposit ASSET AMOUNT [--faucet] [--rpc-url URL]</c>: moves tokens from the account's address into the settlement
/// contract, credited to the same account (docs/SETTLEMENT.md §8). Against the server's embedded chain by default
/// (through the gateway's development chain service); <c>--faucet</c> first mints the development tokens. The enclave
/// credits the dark wallet once the server's relay sees the deposit confirmed.
/// </summary>
internal sealed class DepositCommand : ICliCommand
{
    public Command Build(CliContext context)
    {
        var asset = new Argument<int>("asset") { Description = "asset id" };
        var amount = new Argument<long>("amount") { Description = "asset units (one unit is one base unit of the asset's token)" };
        var faucet = new Option<bool>("--faucet") { Description = "first mint AMOUNT development tokens to your address (development chains only)" };
        var wait = new Option<bool>("--wait")
        {
            Description = "then wait (up to --timeout) until the enclave has credited the deposit to your dark wallet (needs the attestation pins)",
        };
        Option<Uri?> rpc = HttpAddressOption.Create("--rpc-url", "an EVM chain: the node's JSON-RPC address as this machine reaches it (default: what the server reports)");
        var command = new Command("deposit", "Deposit tokens into the settlement contract for your account (the embedded chain by default).")
        {
            asset, amount, faucet, wait, rpc,
        };
        Parsing.Check(command, r =>
        {
            if (r.GetValue(amount) <= 0)
            {
                r.AddError("amount must be positive");
            }
        });
        context.SetAction(command, async (parse, output, cancellationToken) =>
        {
            byte[] privateKey = KeyFile.LoadPrivateKey(parse.GetValue(context.Key)!, () => CliContext.Passphrase(output));
            ChainKey depositor;
            AccountAddress account;
            try
            {
                depositor = ChainKey.FromPrivateKey(privateKey);
                using Secp256k1AccountKey key = Secp256k1AccountKey.FromPrivateKey(privateKey);
                account = key.Address;
            }
            finally
            {
                CryptographicOperations.ZeroMemory(privateKey);
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(parse.GetValue(context.Timeout)));
            using GrpcChannel channel = context.Channel(parse);
            await using SettlementChain chain = await SettlementChain.ConnectAsync(channel, parse.GetValue(rpc), timeout.Token).ConfigureAwait(false);
            EthAddress token;
            try
            {
                token = chain.Info.TokenOf(parse.GetValue(asset));
            }
            catch (ArgumentException)
            {
                throw CommandLineException.Failure(
                    $"asset {parse.GetValue(asset)} has no token on the server's chain (assets: {string.Join(", ", chain.Info.Assets.Select(a => $"{a.Asset} {a.Symbol}"))})");
            }

            // With --wait, an attested session first: the dark wallet's balance before, then after, the deposit.
            await using TraderSession? session = parse.GetValue(wait) ? await context.ConnectAsync(parse, output, cancellationToken).ConfigureAwait(false) : null;
            long before = session is null ? 0 : await WalletAsync(session, parse.GetValue(asset), cancellationToken).ConfigureAwait(false);
            var units = new BigInteger(parse.GetValue(amount));
            EthAddress to = EthAddress.FromBytes(account.ToArray());
            try
            {
                if (parse.GetValue(faucet))
                {
                    _ = await chain.Gateway.FaucetAsync(parse.GetValue(asset), to, units, timeout.Token).ConfigureAwait(false);
                }

                DepositRecord record = await chain.View.DepositAsync(depositor, token, to, units, timeout.Token).ConfigureAwait(false);
                long? credited = null;
                if (session is not null)
                {
                    credited = await WaitForCreditAsync(session, parse.GetValue(asset), before + parse.GetValue(amount), timeout.Token).ConfigureAwait(false)
                        ?? throw CommandLineException.Failure(
                            $"deposit {record.Index} is on chain, but the enclave had not credited it within {parse.GetValue(context.Timeout)} s (check later with 'darkpool balances')");
                }

                var document = new DepositDocument(
                    true, chain.Info.Backend, account.ToString(), parse.GetValue(asset), token.ToString(), parse.GetValue(amount), record.Index, record.BlockNumber,
                    record.RunningHash.ToString(), chain.Info.Confirmations, credited);
                Print(output, document);
                return DarkPoolCli.ExitSuccess;
            }
            catch (ChainRejectedException e)
            {
                throw CommandLineException.Failure(e.Error == ChainError.TokenCallFailed
                    ? $"the chain refused the deposit ({e.Error}): not enough tokens at {to}? (development chains: add --faucet)"
                    : $"the chain refused the deposit: {e.Error} {e.Message}");
            }
        });
        return command;
    }

    /// <summary>Available plus held of one asset in the dark wallet.</summary>
    private static async Task<long> WalletAsync(TraderSession session, int asset, CancellationToken cancellationToken)
    {
        long cursor = 0;
        do
        {
            DarkPool.Protocol.Messages.Responses.BalancePage page = Answers.Single(
                await session.Client.BalancesAsync(cursor, cancellationToken).ConfigureAwait(false), DarkPool.Protocol.Messages.ResponseKind.BalancePage, "the balance query").Balances;
            foreach (DarkPool.Protocol.Messages.Responses.BalanceEntry entry in page.Entries!)
            {
                if (entry.Asset == asset)
                {
                    return entry.Available + entry.Held;
                }
            }

            cursor = page.NextCursor;
        }
        while (cursor != 0);
        return 0;
    }

    /// <summary>Polls the dark wallet until it holds at least <paramref name="target"/>; null when the time ran out.</summary>
    private static async Task<long?> WaitForCreditAsync(TraderSession session, int asset, long target, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                long now = await WalletAsync(session, asset, cancellationToken).ConfigureAwait(false);
                if (now >= target)
                {
                    return now;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private static void Print(ToolOutput output, DepositDocument d)
    {
        if (output.IsJson)
        {
            output.Json(d);
            return;
        }

        var table = new Table().HideHeaders().Border(TableBorder.None).AddColumn("field").AddColumn("value");
        table.AddRow("chain", d.Chain);
        table.AddRow("account", d.Account);
        table.AddRow("asset / token", $"{d.Asset} / {d.Token}");
        table.AddRow("amount", d.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("deposit index / block", $"{d.DepositIndex} / {d.Block}");
        table.AddRow("running hash", d.RunningHash);
        if (d.WalletBalance is { } credited)
        {
            table.AddRow("dark wallet", $"credited: {credited.ToString(System.Globalization.CultureInfo.InvariantCulture)} of asset {d.Asset} (available + held)");
        }

        output.Console.Write(table);
        output.Line(d.WalletBalance is null
            ? $"deposited on chain; the enclave credits your dark wallet after {d.Confirmations} confirmation(s), when the server's relay sees it (see 'darkpool balances', or use --wait)"
            : "deposited on chain and credited to your dark wallet");
    }

    private sealed record DepositDocument(
        bool Ok, string Chain, string Account, int Asset, string Token, long Amount, ulong DepositIndex, ulong Block, string RunningHash, ulong Confirmations,
        long? WalletBalance);
}
