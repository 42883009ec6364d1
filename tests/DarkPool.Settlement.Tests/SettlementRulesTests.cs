extern alias sdk;
extern alias chainclient;

using DarkPool.Chain;
using DarkPool.Chain.Batches;
using DarkPool.Chain.Entries;
using DarkPool.Enclave.Pipeline;
using DarkPool.Enclave.Settlement;
using DarkPool.Host.Settlement;
using DarkPool.Protocol.Messages;
using Microsoft.Extensions.Time.Testing;
using chainclient::DarkPool.ChainClient;
using sdk::DarkPool.Client;

namespace DarkPool.Settlement.Tests;

/// <summary>The enclave's settlement rules on the embedded chain: deposit order, confirmations and running hash; rollback protection; snapshots.</summary>
public sealed class SettlementRulesTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("dp-settle-rules-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ChainDeposit_WrongHashOutOfOrderOrUnconfirmed_NotCredited_AndReRelayIsIdempotent()
    {
        await using SettlementServer server = await SettlementServer.StartAsync(_root, relayOptions: new SettlementRelayOptions
        {
            PollInterval = TimeSpan.Zero, BatchInterval = TimeSpan.Zero, Confirmations = 2,
        });
        await using SettlementChain chain = await SettlementChain.ConnectAsync(server.Channel);
        await using Trader alice = await Trader.ConnectAsync(server);
        EthAddress token = chain.Info.TokenOf(1);
        _ = await chain.Gateway.FaucetAsync(1, alice.Address, 100);
        DepositRecord first = await chain.View.DepositAsync(alice.ChainKey, token, alice.Address, 60);
        DepositRecord second = await chain.View.DepositAsync(alice.ChainKey, token, alice.Address, 40);
        first = (await chain.View.GetDepositsAsync(1))[0];
        Assert.True(first.Confirmations >= 2);

        await Relay(server, first with { Confirmations = 1 });
        Assert.Equal(0UL, server.Host.Settlement.CreditedDepositIndex);
        await Relay(server, second with { Confirmations = 5 });
        Assert.Equal(0UL, server.Host.Settlement.CreditedDepositIndex);
        await Relay(server, first with { Amount = 61 });
        Assert.Equal(0UL, server.Host.Settlement.CreditedDepositIndex);
        await Relay(server, first with { Account = ChainKey.Generate().Address });
        Assert.Equal(0UL, server.Host.Settlement.CreditedDepositIndex);

        await Relay(server, first);
        await Relay(server, first);
        Assert.Equal(1UL, server.Host.Settlement.CreditedDepositIndex);
        Assert.Equal(60, await AvailableAsync(alice, 1));

        // The relay itself sends only what is confirmed: the second deposit waits for one more block.
        _ = await server.Relay.RunOnceAsync();
        Assert.Equal(1UL, server.Host.Settlement.CreditedDepositIndex);
        _ = await chain.Gateway.FaucetAsync(2, alice.Address, 1);
        _ = await server.Relay.RunOnceAsync();
        Assert.Equal(2UL, server.Host.Settlement.CreditedDepositIndex);
        Assert.Equal(100, await AvailableAsync(alice, 1));
        await Relay(server, second);
        Assert.Equal(100, await AvailableAsync(alice, 1));
    }

    [Fact]
    public async Task Withdraw_AssetWithoutAToken_RejectedUnknownAsset_AndNothingDebited()
    {
        await using SettlementServer server = await SettlementServer.StartAsync(_root);
        await using Trader alice = await Trader.ConnectAsync(server);

        // Asset 7 reaches the dark wallet by an operator record but has no token on the chain, asset 1 has one.
        Assert.Equal(ReplyStatus.Done, (await server.Host.SubmitOperatorAsync(DarkPool.Enclave.Core.EnclaveRecords.Deposit(0, alice.Client.Account, 7, 50))).Status);
        Assert.Equal(ReplyStatus.Done, (await server.Host.SubmitOperatorAsync(DarkPool.Enclave.Core.EnclaveRecords.Deposit(0, alice.Client.Account, 1, 50))).Status);

        RequestResult refused = await alice.Client.WithdrawAsync(7, 10);
        RequestResult paid = await alice.Client.WithdrawAsync(1, 10);

        Assert.Equal(RejectCode.UnknownAsset, Assert.Single(refused.Responses, r => r.Kind == ResponseKind.RequestRejected).Rejected.Reason);
        Assert.Equal(50, await AvailableAsync(alice, 7));
        Assert.Contains(paid.Responses, r => r.Kind == ResponseKind.WithdrawalAccepted);
        Assert.Equal(40, await AvailableAsync(alice, 1));
    }

    [Fact]
    public async Task Start_StateOlderThanChain_Refused()
    {
        string backup = Path.Combine(_root, "backup");
        await using (SettlementServer server = await SettlementServer.StartAsync(_root))
        {
            await DepositAndSettleAsync(server);
            Assert.Equal(2UL, (await server.Chain.GetSettlementHeadAsync()).NextSequence);
        }

        CopyFolder(Path.Combine(_root, "data"), backup);
        await using (SettlementServer server = await SettlementServer.StartAsync(_root))
        {
            await DepositAndSettleAsync(server);
            Assert.Equal(3UL, (await server.Chain.GetSettlementHeadAsync()).NextSequence);
        }

        Directory.Delete(Path.Combine(_root, "data"), recursive: true);
        CopyFolder(backup, Path.Combine(_root, "data"));

        SettlementRefusedException refused = await Assert.ThrowsAsync<SettlementRefusedException>(() => SettlementServer.StartAsync(_root));
        Assert.Contains("older than the chain", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryCheckAnchor_ForkedOrForeignChain_Refused_OwnHeadAccepted()
    {
        await using SettlementServer server = await SettlementServer.StartAsync(_root);
        await DepositAndSettleAsync(server);
        SettlementHead head = await server.Chain.GetSettlementHeadAsync();
        Hash32 other = Hash32.FromBytes(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

        Assert.True(server.Host.Settlement.TryCheckAnchor(head, out string? none), none);
        Assert.False(server.Host.Settlement.TryCheckAnchor(head with { JournalHead = other }, out string? forked));
        Assert.Contains("forked", forked, StringComparison.Ordinal);
        Assert.False(server.Host.Settlement.TryCheckAnchor(head with { LastBatchHash = other }, out _));
        Assert.False(server.Host.Settlement.TryCheckAnchor(head with { NextSequence = 1 }, out string? foreign));
        Assert.Contains("not the chain", foreign, StringComparison.Ordinal);
        Assert.False(server.Host.Settlement.TryCheckAnchor(head with { NextSequence = 5 }, out string? older));
        Assert.Contains("rollback", older, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshot_CutBatchSurvivesRestart_SignedAgainIdentically()
    {
        SignedBatch before;
        await using (SettlementServer server = await SettlementServer.StartAsync(_root))
        {
            await using SettlementChain chain = await SettlementChain.ConnectAsync(server.Channel);
            await using Trader alice = await Trader.ConnectAsync(server);
            _ = await chain.Gateway.FaucetAsync(1, alice.Address, 10);
            _ = await chain.View.DepositAsync(alice.ChainKey, chain.Info.TokenOf(1), alice.Address, 10);
            await Relay(server, (await chain.View.GetDepositsAsync(1))[0]);
            Assert.Equal(ReplyStatus.Done, (await server.Host.SubmitOperatorAsync(SettlementRecords.Cut(0))).Status);
            before = await server.Host.Settlement.SignAsync(1, server.Chain.Domain);
            await server.Host.SnapshotAsync();
        }

        await using SettlementServer restarted = await SettlementServer.StartAsync(_root);
        Assert.Equal([1UL], restarted.Host.Settlement.Unconfirmed);
        SignedBatch again = await restarted.Host.Settlement.SignAsync(1, restarted.Chain.Domain);
        Assert.Equal(before.Encoded.ToArray(), again.Encoded.ToArray());
        Assert.Equal(before.Signature.ToArray(), again.Signature.ToArray());
    }

    [Fact]
    public async Task SignAsync_BatchSignedWithVersion1EntriesBeforeAnUpgrade_SignedAgainIdentically_NextBatchVersion2_BothRead()
    {
        SignedBatch before;
        byte[] alicePrivate;
        await using (SettlementServer server = await SettlementServer.StartAsync(_root))
        {
            // An older build: its entries were version 1 (an ephemeral key each); it signed batch 1 and stopped before posting.
            server.Host.Settlement.EntryVersion = 1;
            await using SettlementChain chain = await SettlementChain.ConnectAsync(server.Channel);
            await using Trader alice = await Trader.ConnectAsync(server);
            alicePrivate = alice.ChainKey.ExportPrivateKey();
            _ = await chain.Gateway.FaucetAsync(1, alice.Address, 10);
            _ = await chain.View.DepositAsync(alice.ChainKey, chain.Info.TokenOf(1), alice.Address, 10);
            await Relay(server, (await chain.View.GetDepositsAsync(1))[0]);
            Assert.Equal(ReplyStatus.Done, (await server.Host.SubmitOperatorAsync(SettlementRecords.Cut(0))).Status);
            before = await server.Host.Settlement.SignAsync(1, server.Chain.Domain);
            Assert.Equal(1, CiphertextVersion(before));
        }

        await using SettlementServer restarted = await SettlementServer.StartAsync(_root);
        Assert.Equal(2, restarted.Host.Settlement.EntryVersion);
        SignedBatch again = await restarted.Host.Settlement.SignAsync(1, restarted.Chain.Domain);
        Assert.Equal(before.Encoded.ToArray(), again.Encoded.ToArray());
        Assert.Equal(before.Signature.ToArray(), again.Signature.ToArray());

        await using SettlementChain chain2 = await SettlementChain.ConnectAsync(restarted.Channel);
        await using Trader bob = await Trader.ConnectAsync(restarted);
        _ = await chain2.Gateway.FaucetAsync(1, bob.Address, 7);
        _ = await chain2.View.DepositAsync(bob.ChainKey, chain2.Info.TokenOf(1), bob.Address, 7);
        await Relay(restarted, (await chain2.View.GetDepositsAsync(2))[0]);
        Assert.Equal(ReplyStatus.Done, (await restarted.Host.SubmitOperatorAsync(SettlementRecords.Cut(0))).Status);
        SignedBatch second = await restarted.Host.Settlement.SignAsync(2, restarted.Chain.Domain);
        Assert.Equal(2, CiphertextVersion(second));

        // One account had activity; the batch carries sixteen entries (decoys), of which bob opens one and a stranger none.
        Assert.Equal(EntryDecoys.MinimumEntries, EntryCount(second));
        Assert.Single(BatchCiphertext.OpenMine(second.Decode().Ciphertext.Span, 2, second.Decode().JournalHead, bob.ChainKey.ExportPrivateKey()));
        Assert.Empty(BatchCiphertext.OpenMine(second.Decode().Ciphertext.Span, 2, second.Decode().JournalHead, ChainKey.Generate().ExportPrivateKey()));
        Assert.Equal(2, await restarted.Relay.RunOnceAsync());

        // The SDK reads the version 1 batch (the deposit to the first account) and the version 2 one alike.
        IReadOnlyList<SettledBatch> onChain = await chain2.View.GetSettledBatchesAsync(1);
        Assert.Equal([1, 2], onChain.Select(b => (int)b.Ciphertext.Span[4]));
        IReadOnlyList<SettlementEntry> bobs = await SettlementEntries.ReadMineAsync(chain2.View, bob.ChainKey.ExportPrivateKey());
        Assert.Equal(7, Assert.Single(Assert.Single(bobs).Items, i => i.Kind == EntryItemKind.Deposit).Quantity);
        SettlementEntry alices = Assert.Single(await SettlementEntries.ReadMineAsync(chain2.View, alicePrivate));
        Assert.Equal(1UL, alices.Sequence);
        Assert.Equal(10, Assert.Single(alices.Items, i => i.Kind == EntryItemKind.Deposit).Quantity);
    }

    /// <summary>A version 2 batch's entry count, from its ciphertext's header.</summary>
    private static int EntryCount(SignedBatch batch) => EntryCount(batch.Decode());

    private static int EntryCount(SettlementBatch batch) =>
        System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(batch.Ciphertext.Span[(5 + 65)..]);

    private static int CiphertextVersion(SignedBatch batch)
    {
        ReadOnlySpan<byte> ciphertext = batch.Decode().Ciphertext.Span;
        Assert.True(ciphertext[..4].SequenceEqual("DPSE"u8));
        return ciphertext[4];
    }

    [Fact]
    public async Task SignAsync_IntoOneKeptBuilder_LargerBatchThenSmaller_SameBytesAsEachOnItsOwnBuffer()
    {
        await using SettlementServer server = await SettlementServer.StartAsync(_root, relayOptions: new SettlementRelayOptions
        {
            PollInterval = TimeSpan.Zero, BatchInterval = TimeSpan.Zero,
        });
        await using SettlementChain chain = await SettlementChain.ConnectAsync(server.Channel);
        EthAddress token = chain.Info.TokenOf(1);

        // Batch 1: seventeen accounts, past one bucket of entries (32 with decoys); batch 2: one account (16).
        var traders = new List<Trader>();
        try
        {
            for (int i = 0; i < EntryDecoys.Bucket + 1; i++)
            {
                Trader trader = await Trader.ConnectAsync(server);
                traders.Add(trader);
                _ = await chain.Gateway.FaucetAsync(1, trader.Address, 20);
                _ = await chain.View.DepositAsync(trader.ChainKey, token, trader.Address, 10);
            }

            _ = await chain.View.DepositAsync(traders[0].ChainKey, token, traders[0].Address, 10);
            IReadOnlyList<DepositRecord> deposits = await chain.View.GetDepositsAsync(1);
            foreach (DepositRecord deposit in deposits.Take(traders.Count))
            {
                await Relay(server, deposit);
            }

            Assert.Equal(ReplyStatus.Done, (await server.Host.SubmitOperatorAsync(SettlementRecords.Cut(0))).Status);
            await Relay(server, deposits[traders.Count]);
            Assert.Equal(ReplyStatus.Done, (await server.Host.SubmitOperatorAsync(SettlementRecords.Cut(0))).Status);
            var kept = new BatchBuilder();

            byte[] first = (await server.Host.Settlement.SignAsync(1, server.Chain.Domain, into: kept)).Encoded.ToArray();
            SignedBatch second = await server.Host.Settlement.SignAsync(2, server.Chain.Domain, into: kept);

            Assert.True(second.Encoded.Length < first.Length, "batch 2 (one account, 16 entries) is smaller than batch 1 (seventeen, 32)");
            Assert.Equal(2 * EntryDecoys.Bucket, EntryCount(BatchDescriptor.Decode(first)));
            Assert.Equal(EntryDecoys.MinimumEntries, EntryCount(second));
            Assert.Equal(first, (await server.Host.Settlement.SignAsync(1, server.Chain.Domain)).Encoded.ToArray());
            SignedBatch secondAlone = await server.Host.Settlement.SignAsync(2, server.Chain.Domain);
            Assert.Equal(secondAlone.Encoded.ToArray(), second.Encoded.ToArray());
            Assert.Equal(secondAlone.Signature.ToArray(), second.Signature.ToArray());
            Assert.Equal(2, await server.Relay.RunOnceAsync());
        }
        finally
        {
            foreach (Trader trader in traders)
            {
                await trader.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task SignAsync_UnknownBatch_Throws()
    {
        await using SettlementServer server = await SettlementServer.StartAsync(_root);
        await Assert.ThrowsAsync<InvalidOperationException>(() => server.Host.Settlement.SignAsync(1, server.Chain.Domain));
    }

    [Fact]
    public async Task Relay_BatchMinInterval_NoCutSoonerThanTheFloor_ThenTheDueCut()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(1));
        await using SettlementServer server = await SettlementServer.StartAsync(_root, relayOptions: new SettlementRelayOptions
        {
            PollInterval = TimeSpan.Zero, BatchInterval = TimeSpan.Zero, BatchMinInterval = TimeSpan.FromSeconds(1), Clock = clock,
        });

        await DepositAndSettleAsync(server);
        await DepositAsync(server);
        Assert.Equal(0, await server.Relay.RunOnceAsync());
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(0, await server.Relay.RunOnceAsync());
        Assert.Equal((1UL, 1UL), server.Host.Settlement.Progress);
        Assert.Equal(2UL, server.Host.Settlement.CreditedDepositIndex);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, await server.Relay.RunOnceAsync());
        Assert.Equal((2UL, 2UL), server.Host.Settlement.Progress);
    }

    private static async Task DepositAndSettleAsync(SettlementServer server)
    {
        await DepositAsync(server);
        Assert.Equal(1, await server.Relay.RunOnceAsync());
    }

    private static async Task DepositAsync(SettlementServer server)
    {
        await using SettlementChain chain = await SettlementChain.ConnectAsync(server.Channel);
        var depositor = ChainKey.Generate();
        _ = await chain.Gateway.FaucetAsync(1, depositor.Address, 5);
        _ = await chain.View.DepositAsync(depositor, chain.Info.TokenOf(1), depositor.Address, 5);
    }

    private static async Task Relay(SettlementServer server, DepositRecord deposit) =>
        Assert.Equal(ReplyStatus.Done, (await server.Host.SubmitOperatorAsync(SettlementRecords.Deposit(0, deposit))).Status);

    private static async Task<long> AvailableAsync(Trader trader, int asset)
    {
        RequestResult result = await trader.Client.BalancesAsync();
        DecodedResponse page = Assert.Single(result.Responses, r => r.Kind == ResponseKind.BalancePage);
        return page.Balances.Entries?.FirstOrDefault(e => e.Asset == asset).Available ?? 0;
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
