extern alias sdk;
extern alias chainclient;

using System.Buffers.Binary;
using System.Numerics;
using DarkPool.Chain;
using DarkPool.Chain.Batches;
using DarkPool.Chain.Entries;
using DarkPool.Enclave.Settlement;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;
using chainclient::DarkPool.ChainClient;
using sdk::DarkPool.Client;

namespace DarkPool.Settlement.Tests;

/// <summary>
/// Deposit, trade, settle and withdraw through the gateway, checked on chain; the host stopped between signing and
/// posting; a leakage check over everything the chain records of a settlement. The same suite runs on the embedded
/// chain and on anvil.
/// </summary>
public abstract class SettlementEndToEndTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("dp-settle-").FullName;

    /// <summary>The chain for a test, or null for the embedded chain the server creates.</summary>
    private protected abstract Task<IChainBackend?> CreateChainAsync(ChainKey governance);

    /// <summary>Gas for an address (a no-op on the embedded chain).</summary>
    private protected abstract Task FundAsync(EthAddress address);

    /// <summary>The node a client connects to for an EVM chain.</summary>
    private protected abstract Uri? RpcUrl { get; }

    private protected string Root => _root;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task DepositTradeSettleWithdraw_TokensPaidAndEntriesDecrypt()
    {
        await using SettlementServer server = await StartServerAsync();
        await using SettlementChain chain = await SettlementChain.ConnectAsync(server.Channel, RpcUrl);
        await using Trader alice = await Trader.ConnectAsync(server);
        await using Trader bob = await Trader.ConnectAsync(server);
        EthAddress btc = chain.Info.TokenOf(1), usd = chain.Info.TokenOf(2);
        await DepositAsync(chain, alice, 1, 100);
        await DepositAsync(chain, bob, 2, 1_000_000);

        Assert.Equal(1, await server.Relay.RunOnceAsync());
        Assert.True((await alice.Client.PlaceAsync(Limit(1, OrderSide.Sell, 1_000, 10))).Accepted);
        RequestResult buy = await bob.Client.PlaceAsync(Limit(1, OrderSide.Buy, 1_000, 10));
        Assert.Contains(buy.Responses, r => r.Kind == ResponseKind.OrderFilled);
        Assert.True((await alice.Client.WithdrawAsync(2, 10_000)).Accepted);
        Assert.True((await bob.Client.WithdrawAsync(1, 10)).Accepted);
        Assert.Equal(1, await server.Relay.RunOnceAsync());

        Assert.Equal(10_000, await chain.View.GetTokenBalanceAsync(usd, alice.Address));
        Assert.Equal(0, await chain.View.GetTokenBalanceAsync(btc, alice.Address));
        Assert.Equal(10, await chain.View.GetTokenBalanceAsync(btc, bob.Address));
        Assert.Equal(90, await chain.View.GetCustodyAsync(btc));
        Assert.Equal(990_000, await chain.View.GetCustodyAsync(usd));
        IReadOnlyList<SettledBatch> batches = await chain.View.GetSettledBatchesAsync(1);
        Assert.Equal([1UL, 2UL], batches.Select(b => b.Sequence));
        Assert.All(batches, b => Assert.True(BatchDescriptor.Verify(b.Batch, chain.View.Domain, server.Host.SettlementAddress)));
        Assert.Equal(batches[0].BatchHash, batches[1].Batch.Decode().PreviousHash);
        Assert.Equal(new DepositCursor(2, await chain.View.GetDepositHashAsync(2)), batches[1].Batch.Decode().DepositCursor);

        IReadOnlyList<SettlementEntry> mine = await SettlementEntries.ReadMineAsync(chain.View, alice.ChainKey.ExportPrivateKey());
        Assert.All(mine, e => Assert.Equal(alice.Address, e.Account));
        EntryItem[] items = [.. mine.SelectMany(e => e.Items)];
        Assert.Contains(EntryItem.Deposit(1, 1, 100), items);
        EntryItem fill = Assert.Single(items, i => i.Kind == EntryItemKind.Fill);
        Assert.Equal((1, (byte)2, 1_000L, 10L), (fill.MarketOrAsset, fill.Side, fill.Price, fill.Quantity));
        Assert.Contains(EntryItem.Withdrawal(2, 10_000), items);
        Assert.Contains(EntryItem.Balance(1, 90, 0), mine[^1].Items);
        Assert.Contains(EntryItem.Balance(2, 0, 0), mine[^1].Items);
        Assert.DoesNotContain(await SettlementEntries.ReadMineAsync(chain.View, bob.ChainKey.ExportPrivateKey()), e => e.Account != bob.Address);
        SettlementAuditReport audit = await SettlementAudit.RunAsync(chain.View);
        Assert.True(audit.IsSound, string.Join("; ", audit.Breaks));
        Assert.Equal(2, audit.Withdrawals);
    }

    [Fact]
    public async Task HostStoppedBetweenSigningAndPosting_RestartPostsExactlyOneCopy()
    {
        SignedBatch signedBeforeCrash;
        EthAddress aliceAddress;
        ChainKey aliceKey = ChainKey.Generate();
        IChainBackend? external = await CreateChainAsync(DevelopmentKey());
        try
        {
            await using (SettlementServer server = await StartServerAsync(external))
            await using (SettlementChain chain = await SettlementChain.ConnectAsync(server.Channel, RpcUrl))
            await using (Trader alice = await Trader.ConnectAsync(server, aliceKey))
            await using (Trader bob = await Trader.ConnectAsync(server))
            {
                aliceAddress = alice.Address;
                await DepositAsync(chain, alice, 1, 100);
                await DepositAsync(chain, bob, 2, 1_000_000);
                Assert.Equal(1, await server.Relay.RunOnceAsync());
                Assert.True((await alice.Client.PlaceAsync(Limit(1, OrderSide.Sell, 1_000, 10))).Accepted);
                Assert.True((await bob.Client.PlaceAsync(Limit(1, OrderSide.Buy, 1_000, 10))).Accepted);
                Assert.True((await alice.Client.WithdrawAsync(2, 10_000)).Accepted);

                // The relay's pass, stopped after signing: the signature is journaled, nothing is posted.
                Assert.Equal(Enclave.Pipeline.ReplyStatus.Done, (await server.Host.SubmitOperatorAsync(SettlementRecords.Cut(0))).Status);
                Assert.Equal([2UL], server.Host.Settlement.Unconfirmed);
                signedBeforeCrash = await server.Host.Settlement.SignAsync(2, server.Chain.Domain);
                Assert.Equal(2UL, (await server.Chain.GetSettlementHeadAsync()).NextSequence);
            }

            await using SettlementServer restarted = await StartServerAsync(external);
            Assert.Equal([2UL], restarted.Host.Settlement.Unconfirmed);
            Assert.Equal(1, await restarted.Relay.RunOnceAsync());
            Assert.Equal(0, await restarted.Relay.RunOnceAsync());

            await using SettlementChain after = await SettlementChain.ConnectAsync(restarted.Channel, RpcUrl);
            IReadOnlyList<SettledBatch> batches = await after.View.GetSettledBatchesAsync(1);
            Assert.Equal([1UL, 2UL], batches.Select(b => b.Sequence));
            Assert.Equal(signedBeforeCrash.Encoded.ToArray(), batches[1].Batch.Encoded.ToArray());
            Assert.Equal(signedBeforeCrash.Signature.ToArray(), batches[1].Batch.Signature.ToArray());

            BatchPostResult repost = await restarted.Chain.PostBatchAsync(restarted.Governance, signedBeforeCrash);
            Assert.Equal(BatchPostStatus.AlreadySettled, repost.Status);
            Assert.Equal(2, (await after.View.GetSettledBatchesAsync(1)).Count);
            Assert.Equal(10_000, await after.View.GetTokenBalanceAsync(after.Info.TokenOf(2), aliceAddress));
            Assert.Equal((2UL, 2UL), restarted.Host.Settlement.Progress);
        }
        finally
        {
            if (external is not null)
            {
                await external.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Leakage_NoPriceSizeOrTradingAccountInAnyBatchOrSettlementEvent()
    {
        const long price = 7_654_321, quantity = 1_237;
        await using SettlementServer server = await StartServerAsync();
        await using SettlementChain chain = await SettlementChain.ConnectAsync(server.Channel, RpcUrl);
        await using Trader carol = await Trader.ConnectAsync(server);
        await using Trader dave = await Trader.ConnectAsync(server);
        await using Trader erin = await Trader.ConnectAsync(server);
        await DepositAsync(chain, carol, 1, 5_000);
        await DepositAsync(chain, dave, 2, 10_000_000_000);
        await DepositAsync(chain, erin, 1, 77);
        Assert.Equal(1, await server.Relay.RunOnceAsync());

        Assert.True((await carol.Client.PlaceAsync(Limit(1, OrderSide.Sell, price, quantity))).Accepted);
        Assert.Contains((await dave.Client.PlaceAsync(Limit(1, OrderSide.Buy, price, quantity))).Responses, r => r.Kind == ResponseKind.OrderFilled);
        Assert.True((await erin.Client.WithdrawAsync(1, 77)).Accepted);
        Assert.Equal(1, await server.Relay.RunOnceAsync());

        IReadOnlyList<SettledBatch> batches = await chain.View.GetSettledBatchesAsync(1);
        Assert.Equal(2, batches.Count);
        byte[][] recorded = [.. batches.SelectMany(b => new[]
        {
            b.Batch.Encoded.ToArray(), b.Batch.Signature.ToArray(), b.Ciphertext.ToArray(), b.JournalHead.ToArray(), b.BatchHash.ToArray(),
        })];
        byte[][] secrets =
        [
            .. Encodings(price), .. Encodings(quantity), .. Encodings(price * quantity), carol.Address.ToArray(), dave.Address.ToArray(),
        ];
        foreach (byte[] bytes in recorded)
        {
            foreach (byte[] secret in secrets)
            {
                Assert.True(bytes.AsSpan().IndexOf(secret) < 0, $"{Convert.ToHexString(secret)} appears in what the chain records");
            }
        }

        // The one thing that must be public is there: erin's withdrawal.
        Assert.Equal(new Withdrawal(chain.Info.TokenOf(1), erin.Address, 77), Assert.Single(batches[1].Batch.Decode().Withdrawals));
        Assert.Contains(EntryItem.Fill(1, 2, 1, price, quantity, 0, 1), (await SettlementEntries.ReadMineAsync(chain.View, carol.ChainKey.ExportPrivateKey())).SelectMany(e => e.Items));
    }

    private protected static PlaceOrder Limit(long clientOrderId, OrderSide side, long price, long quantity) => new()
    {
        Market = 1, ClientOrderId = clientOrderId, Side = side, Type = OrderKind.Limit, Price = price, Quantity = quantity,
    };

    private protected async Task DepositAsync(SettlementChain chain, Trader trader, int asset, BigInteger amount)
    {
        await FundAsync(trader.Address);
        _ = await chain.Gateway.FaucetAsync(asset, trader.Address, amount);
        DepositRecord deposit = await chain.View.DepositAsync(trader.ChainKey, chain.Info.TokenOf(asset), trader.Address, amount);
        Assert.Equal(amount, deposit.Amount);
    }

    private protected ChainKey DevelopmentKey() => Host.Settlement.DevelopmentKeyFile.LoadOrCreate(Path.Combine(_root, "governance.key"));

    private protected async Task<SettlementServer> StartServerAsync(IChainBackend? chain = null)
    {
        chain ??= await CreateChainAsync(DevelopmentKey());
        return await SettlementServer.StartAsync(_root, chain, rpcUrl: RpcUrl?.ToString() ?? "");
    }

    /// <summary>A value as 8 bytes in both byte orders and as a 32-byte ABI word.</summary>
    private static byte[][] Encodings(long value)
    {
        byte[] be = new byte[8], le = new byte[8], word = new byte[32];
        BinaryPrimitives.WriteInt64BigEndian(be, value);
        BinaryPrimitives.WriteInt64LittleEndian(le, value);
        BinaryPrimitives.WriteInt64BigEndian(word.AsSpan(24), value);
        return [be, le, word];
    }
}
