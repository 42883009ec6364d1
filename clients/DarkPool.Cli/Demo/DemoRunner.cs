using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DarkPool.Attestation.Identity;
using DarkPool.Attestation.Verification;
using DarkPool.Chain;
using DarkPool.ChainClient;
using DarkPool.Cli.Internal;
using DarkPool.Client;
using DarkPool.Protocol.Accounts;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;
using DarkPool.Protocol.Messages.Responses;
using DarkPool.Server;
using Grpc.Net.Client;

namespace DarkPool.Cli.Demo;

/// <summary>
/// <c>darkpool demo</c>: a whole server in this process (simulated enclave, embedded chain, gateway on a free loopback
/// port, a temporary data folder), a market maker quoting both sides and a few traders, funded by deposits on the
/// embedded chain that the enclave credits, each verifying the attestation
/// and sealing its orders; fills arrive on the market maker's event stream while the traders' balances move. Market 1:
/// asset 1 (base) against asset 2 (quote), tick 1, lot 1, no fees.
/// </summary>
internal sealed class DemoRunner(int traders, int orders, int seed)
{
    private const int Market = 1;
    private const int Base = 1;
    private const int Quote = 2;
    private const long MakerBase = 10_000;
    private const long MakerQuote = 10_000_000;
    private const long TraderBase = 500;
    private const long TraderQuote = 500_000;
    private const int Levels = 5;
    private const long Mid = 1_000;

    public async Task<DemoSummary> RunAsync(IDemoSteps steps, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        string folder = Directory.CreateTempSubdirectory("darkpool-demo-").FullName;
        var keys = new List<Secp256k1AccountKey>();
        var clients = new List<DarkPoolClient>();
        try
        {
            IDemoStep step = steps.Start("Starting the server (SIMULATED enclave, embedded chain, gateway on loopback)");
            await using InProcessServer server = await InProcessServer.StartAsync(Path.Combine(folder, "data"), 0, cancellationToken).ConfigureAwait(false);
            using var channel = GrpcChannel.ForAddress(server.Address);
            step.Done($"listening on {server.Address}");

            step = steps.Start("Verifying the enclave's attestation (fresh nonce, pinned root and measurement)");
            using X509Certificate2 root = X509CertificateLoader.LoadCertificateFromFile(server.Host.RootCertificatePath);
            Sha256Hash measurement = Sha256Hash.TryParse(server.Host.Measurement, out Sha256Hash m) ? m : throw new InvalidOperationException("measurement");
            VerificationPolicy policy = VerificationPolicy.Simulation(root, [measurement], null);
            AttestationReport report = await EnclaveAttestation.FetchAndVerifyAsync(channel, policy, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!report.Result.IsValid)
            {
                throw new AttestationFailedException(report.Result.FailedCheck, report.Result.Detail);
            }

            step.Done($"VERIFIED, SIMULATED platform, MRENCLAVE {measurement.ToString()[..16]}…");

            int accounts = traders + 1;
            step = steps.Start($"Creating a market maker and {traders} traders; each deposits on the embedded chain", accounts);
            await using (SettlementChain chain = await SettlementChain.ConnectAsync(channel, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                for (int i = 0; i < accounts; i++)
                {
                    byte[] privateKey = KeyFile.NewPrivateKey();
                    keys.Add(Secp256k1AccountKey.FromPrivateKey(privateKey));
                    ChainKey depositor = ChainKey.FromPrivateKey(privateKey);
                    CryptographicOperations.ZeroMemory(privateKey);
                    await DepositAsync(chain, depositor, Base, i == 0 ? MakerBase : TraderBase, cancellationToken).ConfigureAwait(false);
                    await DepositAsync(chain, depositor, Quote, i == 0 ? MakerQuote : TraderQuote, cancellationToken).ConfigureAwait(false);
                    step.Advance();
                }

                step.Done($"{2 * accounts} deposits on the {chain.Info.Backend} chain (development tokens from its faucet)");
            }

            step = steps.Start("Opening sealed sessions (each client verifies the attestation itself)", accounts);
            foreach (Secp256k1AccountKey key in keys)
            {
                clients.Add(await DarkPoolClient.ConnectAsync(channel, key, policy, cancellationToken: cancellationToken).ConfigureAwait(false));
                step.Advance();
            }

            step.Done($"{clients.Count} sessions, every one attested");

            step = steps.Start("The enclave credits the confirmed deposits to the dark wallets", accounts);
            Dictionary<(int Account, int Asset), long> before = await WaitForCreditsAsync(clients, step, cancellationToken).ConfigureAwait(false);
            step.Done("every deposit credited, in deposit order");

            DarkPoolClient maker = clients[0];
            var makerFills = new MakerFills();
            using var stopStream = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task streaming = makerFills.ReadAsync(maker, stopStream.Token);

            step = steps.Start("Market maker quotes both sides (sealed limit orders)", 2 * Levels);
            var counts = new Counts();
            long makerId = 1;
            for (int level = 1; level <= Levels; level++)
            {
                foreach (OrderSide side in (OrderSide[])[OrderSide.Buy, OrderSide.Sell])
                {
                    long price = side == OrderSide.Buy ? Mid - level : Mid + level;
                    Count(counts, await maker.PlaceAsync(Limit(makerId++, side, price, 20, OrderTimeInForce.Gtc), cancellationToken).ConfigureAwait(false));
                    step.Advance();
                }
            }

            step.Done($"{2 * Levels} quotes from {Mid - Levels} to {Mid + Levels}");

            step = steps.Start("Traders send sealed orders; fills arrive", orders);
            var random = new Random(seed);
            for (int i = 0; i < orders; i++)
            {
                DarkPoolClient trader = clients[1 + (i % traders)];
                OrderSide side = random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
                long price = side == OrderSide.Buy ? Mid + random.Next(1, Levels + 1) : Mid - random.Next(1, Levels + 1);
                Count(counts, await trader.PlaceAsync(Limit(1_000 + i, side, price, random.Next(1, 6), OrderTimeInForce.Ioc), cancellationToken).ConfigureAwait(false));
                step.Advance();
            }

            step.Done($"{counts.Sealed - (2 * Levels)} orders, {counts.Fills} fills, {counts.Volume} lots traded");

            step = steps.Start("Fills reach the market maker's event stream (decrypted on its side only)");
            bool complete = await makerFills.WaitForAsync(counts.Fills, TimeSpan.FromSeconds(20), cancellationToken).ConfigureAwait(false);
            await stopStream.CancelAsync().ConfigureAwait(false);
            await streaming.ConfigureAwait(false);
            step.Done($"{makerFills.Count} of {counts.Fills} fills streamed{(complete ? "" : " (stream incomplete)")}");

            step = steps.Start("Balances after trading (each account reads only its own)");
            Dictionary<(int Account, int Asset), long> after = await BalancesAsync(clients, cancellationToken).ConfigureAwait(false);
            bool conserved = Totals(before).SequenceEqual(Totals(after));
            step.Done(conserved ? "every asset conserved (no fees in market 1)" : "ASSETS NOT CONSERVED");

            var moves = new List<BalanceMove>();
            for (int a = 0; a < clients.Count; a++)
            {
                foreach (int asset in (int[])[Base, Quote])
                {
                    moves.Add(new BalanceMove(a == 0 ? "market maker" : $"trader {a}", clients[a].Account.ToString(), asset, before[(a, asset)], after[(a, asset)]));
                }
            }

            return new DemoSummary(
                complete && conserved && counts.Rejected == 0 && counts.Fills > 0, server.Address, measurement.ToString(), report.Result.IsSimulated, 1, traders,
                counts.Sealed, counts.Accepted, counts.Rejected, counts.Fills, counts.Volume, makerFills.Count, conserved, moves, clock.ElapsedMilliseconds);
        }
        finally
        {
            foreach (DarkPoolClient client in clients)
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }

            foreach (Secp256k1AccountKey key in keys)
            {
                key.Dispose();
            }

            TryDelete(folder);
        }
    }

    private static PlaceOrder Limit(long id, OrderSide side, long price, long quantity, OrderTimeInForce tif) => new()
    {
        Market = Market, ClientOrderId = id, Side = side, Type = OrderKind.Limit, TimeInForce = tif, Price = price, Quantity = quantity,
    };

    private static void Count(Counts counts, RequestResult result)
    {
        counts.Sealed++;
        counts.Accepted += result.Accepted ? 1 : 0;
        counts.Rejected += result.Outcome != RequestOutcome.Answered || result.RejectReason is not null ? 1 : 0;
        foreach (DecodedResponse r in result.Responses.Where(r => r.Kind == ResponseKind.OrderFilled))
        {
            counts.Fills++;
            counts.Volume += r.Filled.Quantity;
        }
    }

    /// <summary>Faucet tokens to the depositor's address, then a deposit signed by its key, credited to the same account.</summary>
    private static async Task DepositAsync(SettlementChain chain, ChainKey depositor, int asset, long amount, CancellationToken cancellationToken)
    {
        _ = await chain.Gateway.FaucetAsync(asset, depositor.Address, amount, cancellationToken).ConfigureAwait(false);
        _ = await chain.View.DepositAsync(depositor, chain.Info.TokenOf(asset), depositor.Address, amount, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits until every account's deposits show in its dark wallet (the relay credits them after confirmation).</summary>
    private static async Task<Dictionary<(int Account, int Asset), long>> WaitForCreditsAsync(List<DarkPoolClient> clients, IDemoStep step, CancellationToken cancellationToken)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(TimeSpan.FromSeconds(30));
        var credited = new HashSet<int>();
        while (true)
        {
            Dictionary<(int Account, int Asset), long> balances = await BalancesAsync(clients, patience.Token).ConfigureAwait(false);
            for (int a = 0; a < clients.Count; a++)
            {
                bool funded = balances[(a, Base)] == (a == 0 ? MakerBase : TraderBase) && balances[(a, Quote)] == (a == 0 ? MakerQuote : TraderQuote);
                if (funded && credited.Add(a))
                {
                    step.Advance();
                }
            }

            if (credited.Count == clients.Count)
            {
                return balances;
            }

            await Task.Delay(100, patience.Token).ConfigureAwait(false);
        }
    }

    private static async Task<Dictionary<(int Account, int Asset), long>> BalancesAsync(List<DarkPoolClient> clients, CancellationToken cancellationToken)
    {
        var balances = new Dictionary<(int, int), long>();
        for (int a = 0; a < clients.Count; a++)
        {
            RequestResult result = await clients[a].BalancesAsync(0, cancellationToken).ConfigureAwait(false);
            BalancePage page = result.Responses.FirstOrDefault(r => r.Kind == ResponseKind.BalancePage).Balances;
            foreach (int asset in (int[])[Base, Quote])
            {
                BalanceEntry entry = page.Entries?.FirstOrDefault(e => e.Asset == asset) ?? default;
                balances[(a, asset)] = entry.Available + entry.Held;
            }
        }

        return balances;
    }

    private static long[] Totals(Dictionary<(int Account, int Asset), long> balances) =>
        [.. ((int[])[Base, Quote]).Select(asset => balances.Where(b => b.Key.Asset == asset).Sum(b => b.Value))];

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A temporary folder left behind is not worth failing the demo for.
        }
    }

    private sealed class Counts
    {
        public int Sealed { get; set; }

        public int Accepted { get; set; }

        public int Rejected { get; set; }

        public int Fills { get; set; }

        public long Volume { get; set; }
    }
}
