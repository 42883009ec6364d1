extern alias audit;

using System.Text.Json;
using DarkPool.Chain;
using DarkPool.Chain.Evm;
using DarkPool.Chain.Tests.Tools;
using DarkPool.Host.Settlement;
using AuditCli = audit::DarkPool.Audit.AuditCli;

namespace DarkPool.Settlement.Tests;

/// <summary><c>darkpool-audit register-key</c> on anvil: governance sends registerEnclaveKey to the contract itself.</summary>
[Collection(AnvilNode.Name)]
public sealed class AnvilRegisterKeyTests(AnvilFixture anvil) : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("dp-register-key-evm-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task RegisterKey_OnAnvil_RegistersTheAttestedKeyThenSaysAlreadyRegistered()
    {
        string governanceKey = Path.Combine(_root, "governance.key");
        ChainKey governance = DevelopmentKeyFile.LoadOrCreate(governanceKey);
        await anvil.FundAsync(governance.Address);
        await using EvmChain chain = await EvmChain.DeployAsync(anvil.RpcUrl, governance, governance.Address);
        await using SettlementServer server = await SettlementServer.StartAsync(_root, chain, rpcUrl: anvil.RpcUrl.ToString(), socket: true);
        await chain.RegisterEnclaveKeyAsync(governance, ChainKey.Generate().Address);
        string policy = Path.Combine(_root, "policy.json");
        await File.WriteAllTextAsync(policy, $"{{\"mrenclave\": [\"{server.Host.Measurement}\"], \"allow_simulation\": true}}");
        string[] args =
        [
            "register-key", "--server", server.Address, "--policy", policy, "--governance-key", governanceKey,
            "--rpc-url", anvil.RpcUrl.ToString(), "--contract", chain.Domain.Contract.ToString(), "--format", "json",
        ];

        var first = new StringWriter();
        int registered = await AuditCli.RunAsync(args, first, new StringWriter());
        IReadOnlyList<KeyRegistration> keys = await chain.GetKeyRegistrationsAsync();
        ulong block = await chain.GetBlockNumberAsync();
        var second = new StringWriter();
        int again = await AuditCli.RunAsync(args, second, new StringWriter());

        Assert.Equal((AuditCli.ExitSuccess, AuditCli.ExitSuccess), (registered, again));
        Assert.Equal(3, keys.Count);
        Assert.Equal(server.Host.SettlementAddress, keys[^1].Key);
        Assert.Equal(server.Host.SettlementAddress, await chain.GetEnclaveKeyAsync());
        using (var document = JsonDocument.Parse(first.ToString()))
        {
            Assert.Equal("evm", document.RootElement.GetProperty("chain").GetProperty("backend").GetString());
            Assert.Equal(keys[^1].BlockNumber, document.RootElement.GetProperty("registration").GetProperty("block_number").GetUInt64());
        }

        using (var document = JsonDocument.Parse(second.ToString()))
        {
            Assert.True(document.RootElement.GetProperty("already_registered").GetBoolean());
        }

        Assert.Equal(block, await chain.GetBlockNumberAsync());
        Assert.Equal(keys, await chain.GetKeyRegistrationsAsync());
    }
}
