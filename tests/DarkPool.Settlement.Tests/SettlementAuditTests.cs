extern alias chainclient;
extern alias audit;

using DarkPool.Chain;
using DarkPool.Chain.Batches;
using chainclient::DarkPool.ChainClient;
using AuditCli = audit::DarkPool.Audit.AuditCli;

namespace DarkPool.Settlement.Tests;

/// <summary>SettlementAudit and <c>darkpool-audit settlements</c>: a sound log passes; every kind of break is named.</summary>
public sealed class SettlementAuditTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("dp-settle-audit-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Audit_SoundLog_PassesAndSummarises()
    {
        await using SettlementServer server = await StartWithTwoBatchesAsync();
        await using SettlementChain chain = await SettlementChain.ConnectAsync(server.Channel);

        SettlementAuditReport report = await SettlementAudit.RunAsync(chain.View);

        Assert.True(report.IsSound, string.Join("; ", report.Breaks));
        Assert.Equal(2, report.Batches);
        Assert.Equal(2UL, report.Deposits);
        Assert.Equal(2UL, report.SettledDepositIndex);
        Assert.Equal(1, report.Withdrawals);
        Assert.All(report.Custody, c => Assert.Equal(c.Expected, c.OnChain));
    }

    [Fact]
    public async Task Audit_DroppedBatch_GapAndBrokenHashChainReported()
    {
        await using SettlementServer server = await StartWithTwoBatchesAsync();
        await using SettlementChain chain = await SettlementChain.ConnectAsync(server.Channel);

        SettlementAuditReport report = await SettlementAudit.RunAsync(new TamperedView(chain.View, batches: b => [.. b.Skip(1)]));

        Assert.Contains(report.Breaks, b => b.StartsWith("batch 2: expected sequence 1", StringComparison.Ordinal));
        Assert.Contains(report.Breaks, b => b.StartsWith("batch 2: does not name the previous", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Audit_BatchSignedByAnotherKey_Reported()
    {
        await using SettlementServer server = await StartWithTwoBatchesAsync();
        await using SettlementChain chain = await SettlementChain.ConnectAsync(server.Channel);
        var other = ChainKey.Generate();

        SettlementAuditReport report = await SettlementAudit.RunAsync(new TamperedView(chain.View, batches: b =>
            [b[0], b[1] with { Batch = BatchDescriptor.Sign(b[1].Batch.Decode(), chain.View.Domain, other) }]));

        Assert.Contains(report.Breaks, b => b.StartsWith("batch 2: not signed by the enclave key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Audit_ForgedEventCiphertextOrBytes_Reported()
    {
        await using SettlementServer server = await StartWithTwoBatchesAsync();
        await using SettlementChain chain = await SettlementChain.ConnectAsync(server.Channel);

        SettlementAuditReport forgedEvent = await SettlementAudit.RunAsync(new TamperedView(chain.View, batches: b =>
            [b[0] with { Ciphertext = new byte[] { 1, 2, 3 } }, b[1]]));
        SettlementAuditReport forgedBytes = await SettlementAudit.RunAsync(new TamperedView(chain.View, batches: b =>
        {
            byte[] encoded = b[0].Batch.Encoded.ToArray();
            encoded[^1] ^= 1;
            return [b[0] with { Batch = new SignedBatch(encoded, b[0].Batch.Signature) }, b[1]];
        }));

        Assert.Contains(forgedEvent.Breaks, b => b.StartsWith("batch 1: the settlement event's journal head or ciphertext", StringComparison.Ordinal));
        Assert.Contains(forgedBytes.Breaks, b => b.StartsWith("batch 1: the posted bytes do not hash", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Audit_DepositHistoryRewritten_CursorAndRunningHashReported()
    {
        await using SettlementServer server = await StartWithTwoBatchesAsync();
        await using SettlementChain chain = await SettlementChain.ConnectAsync(server.Channel);

        SettlementAuditReport report = await SettlementAudit.RunAsync(new TamperedView(chain.View, deposits: d =>
            [d[0] with { Amount = d[0].Amount + 1 }, d[1]]));

        Assert.Contains(report.Breaks, b => b.StartsWith("deposit 1: the recorded running hash", StringComparison.Ordinal));
        Assert.Contains(report.Breaks, b => b.Contains("deposit cursor", StringComparison.Ordinal));
        Assert.Contains(report.Breaks, b => b.StartsWith("custody of", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AuditCli_Settlements_SoundExitsZero_UnreachableExitsOne_MissingServerIsUsage()
    {
        await using SettlementServer server = await StartWithTwoBatchesAsync(socket: true);
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        int sound = await AuditCli.RunAsync(["settlements", "--server", server.Address], stdout, stderr);
        var jsonOut = new StringWriter();
        int json = await AuditCli.RunAsync(["settlements", "--server", server.Address, "--format", "json"], jsonOut, new StringWriter());
        int unreachable = await AuditCli.RunAsync(["settlements", "--server", "http://127.0.0.1:1"], new StringWriter(), stderr);
        int usage = await AuditCli.RunAsync(["settlements"], new StringWriter(), new StringWriter());

        Assert.Equal((AuditCli.ExitSuccess, AuditCli.ExitSuccess, AuditCli.ExitFailure, AuditCli.ExitUsage), (sound, json, unreachable, usage));
        Assert.Contains("batches:        2", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("OK: every batch checks", stdout.ToString(), StringComparison.Ordinal);
        using var document = System.Text.Json.JsonDocument.Parse(jsonOut.ToString());
        Assert.True(document.RootElement.GetProperty("sound").GetBoolean());
        Assert.Equal(2, document.RootElement.GetProperty("batches").GetInt32());
        Assert.Equal(0, document.RootElement.GetProperty("breaks").GetArrayLength());
    }

    private async Task<SettlementServer> StartWithTwoBatchesAsync(bool socket = false)
    {
        SettlementServer server = await SettlementServer.StartAsync(_root, socket: socket);
        await using SettlementChain chain = await SettlementChain.ConnectAsync(server.Channel);
        await using Trader alice = await Trader.ConnectAsync(server);
        foreach (int amount in new[] { 30, 20 })
        {
            _ = await chain.Gateway.FaucetAsync(1, alice.Address, amount);
            _ = await chain.View.DepositAsync(alice.ChainKey, chain.Info.TokenOf(1), alice.Address, amount);
            if (amount == 20)
            {
                Assert.True((await alice.Client.WithdrawAsync(1, 15)).Accepted);
            }

            Assert.Equal(1, await server.Relay.RunOnceAsync());
        }

        return server;
    }
}
