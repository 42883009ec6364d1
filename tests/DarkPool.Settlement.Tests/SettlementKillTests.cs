extern alias chainclient;

using System.Diagnostics;
using DarkPool.Chain;
using chainclient::DarkPool.ChainClient;

namespace DarkPool.Settlement.Tests;

/// <summary>The host killed with SIGKILL after signing a batch and before posting it: the restarted host posts it exactly once.</summary>
public sealed class SettlementKillTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("dp-settle-kill-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task KilledAfterSigningBeforePosting_RestartPostsTheSignedBatchOnce()
    {
        var alice = ChainKey.Generate();
        await using (SettlementServer server = await SettlementServer.StartAsync(_root))
        await using (SettlementChain chain = await SettlementChain.ConnectAsync(server.Channel))
        await using (Trader trader = await Trader.ConnectAsync(server, alice))
        {
            _ = await chain.Gateway.FaucetAsync(1, alice.Address, 50);
            _ = await chain.View.DepositAsync(alice, chain.Info.TokenOf(1), alice.Address, 50);
            Assert.Equal(1, await server.Relay.RunOnceAsync());
            Assert.True((await trader.Client.WithdrawAsync(1, 20)).Accepted);
        }

        (ulong sequence, string hash) = RunChildUntilSignedThenKill();
        Assert.Equal(2UL, sequence);

        await using SettlementServer restarted = await SettlementServer.StartAsync(_root);
        Assert.Equal([2UL], restarted.Host.Settlement.Unconfirmed);
        Assert.Equal(1, await restarted.Relay.RunOnceAsync());
        Assert.Equal(0, await restarted.Relay.RunOnceAsync());
        IReadOnlyList<SettledBatch> batches = await restarted.Chain.GetSettledBatchesAsync(1);
        Assert.Equal([1UL, 2UL], batches.Select(b => b.Sequence));
        Assert.Equal(hash, batches[1].BatchHash.ToString());
        Assert.Equal(20, await restarted.Chain.GetTokenBalanceAsync(batches[1].Batch.Decode().Withdrawals[0].Token, alice.Address));
        Assert.Equal(BatchPostStatus.AlreadySettled, (await restarted.Chain.PostBatchAsync(restarted.Governance, batches[1].Batch)).Status);
        Assert.Equal(20, await restarted.Chain.GetTokenBalanceAsync(batches[1].Batch.Decode().Withdrawals[0].Token, alice.Address));
    }

    private (ulong Sequence, string Hash) RunChildUntilSignedThenKill()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "DarkPool.SettlementCrashHost.dll"));
        info.ArgumentList.Add(Path.Combine(_root, "data"));
        info.ArgumentList.Add(Path.Combine(_root, "chain"));
        using Process child = Process.Start(info) ?? throw new InvalidOperationException("the crash host did not start");
        child.ErrorDataReceived += (_, _) => { };
        child.BeginErrorReadLine();
        string? line = child.StandardOutput.ReadLine();
        child.Kill();
        child.WaitForExit();
        Assert.NotNull(line);
        string[] parts = line.Split(' ');
        Assert.True(parts.Length == 3 && parts[0] == "signed", $"the crash host said: {line}");
        return (ulong.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), parts[2]);
    }
}
