using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using DarkPool.Chain.Entries;
using DarkPool.ChainClient;
using DarkPool.Cli.Internal;
using DarkPool.CommandLine;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Responses;
using DarkPool.Protocol.Accounts;
using Grpc.Net.Client;
using Spectre.Console;

namespace DarkPool.Cli.Commands;

/// <summary>
/// <c>fills [--market M] [--limit N]</c>: the account's recent fills, newest first, from the enclave's bounded history
/// (the newest 128 per account). <c>fills --from-chain [--rpc-url URL]</c>: every fill of the account that has been
/// settled, decrypted from the settlement batches on chain with the account's own key (no enclave session, no
/// attestation: the chain data is public ciphertext, and only this key opens this account's entries).
/// </summary>
internal sealed class FillsCommand : ICliCommand
{
    public Command Build(CliContext context)
    {
        Option<int?> market = Parsing.MarketFilter();
        var limit = new Option<int>("--limit") { Description = "the most fills to show (default 20; the enclave keeps the newest 128)", DefaultValueFactory = _ => 20 };
        var fromChain = new Option<bool>("--from-chain")
        {
            Description = "every settled fill, decrypted from the settlement batches on chain with your key (no --limit cap)",
        };
        Option<Uri?> rpc = HttpAddressOption.Create("--rpc-url", "with --from-chain on an EVM chain: the node's JSON-RPC address as this machine reaches it");
        var command = new Command("fills", "List your recent fills, newest first.") { market, limit, fromChain, rpc };
        context.SetAction(command, async (parse, output, cancellationToken) =>
        {
            if (parse.GetValue(fromChain))
            {
                return await FromChainAsync(context, parse, output, parse.GetValue(market), parse.GetValue(rpc), cancellationToken).ConfigureAwait(false);
            }

            if (parse.GetValue(rpc) is not null)
            {
                throw CommandLineException.Usage("--rpc-url goes with --from-chain");
            }

            if (parse.GetValue(limit) is < 1 or > 128)
            {
                throw CommandLineException.Usage("--limit must be from 1 to 128");
            }

            await using TraderSession session = await context.ConnectAsync(parse, output, cancellationToken).ConfigureAwait(false);
            var fills = new List<FillRow>();
            long cursor = 0;
            do
            {
                FillsPage page = Answers.Single(
                    await session.Client.FillsAsync(parse.GetValue(market), cursor, cancellationToken).ConfigureAwait(false), ResponseKind.FillsPage, "the fills query").Fills;
                fills.AddRange(page.Entries!.Select(f => new FillRow(
                    f.TimeUnixMs, f.Market, f.ClientOrderId, Names.Of(f.Side), f.Price, f.Quantity, f.Fee, Names.Of(f.Liquidity))));
                cursor = page.NextCursor;
            }
            while (cursor != 0 && fills.Count < parse.GetValue(limit));

            fills = [.. fills.Take(parse.GetValue(limit))];
            if (output.IsJson)
            {
                output.Json(new { Ok = true, Account = session.Account.ToString(), Fills = fills });
                return DarkPoolCli.ExitSuccess;
            }

            var table = new Table().Border(TableBorder.Simple)
                .AddColumn("time (UTC)").AddColumn("market").AddColumn("order").AddColumn("side").AddColumn("price").AddColumn("qty").AddColumn("fee").AddColumn("liquidity");
            foreach (FillRow f in fills)
            {
                table.AddRow(
                    new Text(DateTimeOffset.FromUnixTimeMilliseconds(f.TimeUnixMs).ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture)), Cell(f.Market),
                    Cell(f.ClientOrderId), new Text(f.Side), Cell(f.Price), Cell(f.Quantity), Cell(f.Fee), new Text(f.Liquidity));
            }

            output.Console.Write(table);
            output.Line($"{fills.Count} fill(s) for {session.Account}, newest first");
            return DarkPoolCli.ExitSuccess;
        });
        return command;
    }

    private static Text Cell(long value) => new(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>The account's settled fills, oldest batch first, as the settlement entries on chain record them.</summary>
    private static async Task<int> FromChainAsync(CliContext context, ParseResult parse, ToolOutput output, int? market, Uri? rpc, CancellationToken cancellationToken)
    {
        byte[] privateKey = KeyFile.LoadPrivateKey(parse.GetValue(context.Key)!, () => CliContext.Passphrase(output));
        try
        {
            using var key = Secp256k1AccountKey.FromPrivateKey(privateKey);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(parse.GetValue(context.Timeout)));
            using GrpcChannel channel = context.Channel(parse);
            await using SettlementChain chain = await SettlementChain.ConnectAsync(channel, rpc, timeout.Token).ConfigureAwait(false);
            IReadOnlyList<SettlementEntry> entries = await SettlementEntries.ReadMineAsync(chain.View, privateKey, 1, timeout.Token).ConfigureAwait(false);
            var fills = new List<ChainFillRow>();
            foreach (SettlementEntry entry in entries)
            {
                foreach (EntryItem item in entry.Items)
                {
                    if (item.Kind == EntryItemKind.Fill && (market is null || item.MarketOrAsset == market))
                    {
                        fills.Add(new ChainFillRow(
                            entry.Sequence, item.MarketOrAsset, (long)item.Id, SideName(item.Side), item.Price, item.Quantity, item.Fee, LiquidityName(item.Liquidity)));
                    }
                }
            }

            if (output.IsJson)
            {
                output.Json(new { Ok = true, Account = key.Address.ToString(), Source = "chain", Batches = entries.Count, Fills = fills });
                return DarkPoolCli.ExitSuccess;
            }

            var table = new Table().Border(TableBorder.Simple)
                .AddColumn("batch").AddColumn("market").AddColumn("order").AddColumn("side").AddColumn("price").AddColumn("qty").AddColumn("fee").AddColumn("liquidity");
            foreach (ChainFillRow f in fills)
            {
                table.AddRow(
                    Cell((long)f.Batch), Cell(f.Market), Cell(f.ClientOrderId), new Text(f.Side), Cell(f.Price), Cell(f.Quantity), Cell(f.Fee), new Text(f.Liquidity));
            }

            output.Console.Write(table);
            output.Line($"{fills.Count} settled fill(s) for {key.Address} in {entries.Count} batch entr{(entries.Count == 1 ? "y" : "ies")} on chain, oldest first");
            return DarkPoolCli.ExitSuccess;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
        }
    }

    // The entry's codes (docs/SETTLEMENT.md, entries): side 1 buy, 2 sell; liquidity 1 maker, 2 taker, 3 auction.
    private static string SideName(byte side) => side switch { 1 => "buy", 2 => "sell", _ => $"unknown({side})" };

    private static string LiquidityName(byte liquidity) => liquidity switch { 1 => "maker", 2 => "taker", 3 => "auction", _ => $"unknown({liquidity})" };

    private sealed record ChainFillRow(ulong Batch, int Market, long ClientOrderId, string Side, long Price, long Quantity, long Fee, string Liquidity);

    private sealed record FillRow(long TimeUnixMs, int Market, long ClientOrderId, string Side, long Price, long Quantity, long Fee, string Liquidity);
}
