extern alias chainclient;
extern alias audit;

using System.Text.Json;
using DarkPool.Chain;
using chainclient::DarkPool.ChainClient;
using AuditCli = audit::DarkPool.Audit.AuditCli;

namespace DarkPool.Settlement.Tests;

/// <summary>
/// <c>darkpool-audit register-key</c> on the embedded chain: the attested key registered after governance rotated away
/// from it; nothing sent when it already is registered, when the governance key is not governance, when the quote fails
/// the policy, or when the command line is wrong.
/// </summary>
public sealed class RegisterKeyCommandTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("dp-register-key-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task RegisterKey_AnotherKeyRegistered_RegistersTheAttestedKeyThenSaysAlreadyRegistered()
    {
        await using SettlementServer server = await SettlementServer.StartAsync(_root, socket: true);
        await server.Chain.RegisterEnclaveKeyAsync(server.Governance, ChainKey.Generate().Address);
        string policy = WritePolicy(server.Host.Measurement, allowSimulation: true);

        Run json = await RunAsync("register-key", "--server", server.Address, "--policy", policy, "--governance-key", GovernanceKeyPath, "--format", "json");
        IReadOnlyList<KeyRegistration> afterFirst = await server.Chain.GetKeyRegistrationsAsync();
        Run again = await RunAsync("register-key", "--server", server.Address, "--policy", policy, "--governance-key", GovernanceKeyPath);
        IReadOnlyList<KeyRegistration> afterSecond = await server.Chain.GetKeyRegistrationsAsync();

        Assert.Equal(AuditCli.ExitSuccess, json.Exit);
        Assert.Equal(3, afterFirst.Count);
        Assert.Equal(server.Host.SettlementAddress, afterFirst[^1].Key);
        Assert.Equal(server.Host.SettlementAddress, await server.Chain.GetEnclaveKeyAsync());
        using (var document = JsonDocument.Parse(json.Stdout))
        {
            JsonElement r = document.RootElement;
            Assert.True(r.GetProperty("ok").GetBoolean());
            Assert.Equal(server.Host.Measurement, r.GetProperty("attestation").GetProperty("mrenclave").GetString());
            Assert.True(r.GetProperty("attestation").GetProperty("simulated").GetBoolean());
            Assert.Equal(server.Host.SettlementAddress.ToString(), r.GetProperty("enclave_key").GetString());
            Assert.Equal(afterFirst[1].Key.ToString(), r.GetProperty("previous_key").GetString());
            Assert.False(r.GetProperty("already_registered").GetBoolean());
            Assert.Equal(server.Host.SettlementAddress.ToString(), r.GetProperty("registration").GetProperty("key").GetString());
            Assert.Equal("embedded", r.GetProperty("chain").GetProperty("backend").GetString());
        }

        Assert.Equal(AuditCli.ExitSuccess, again.Exit);
        Assert.Contains("already registered", again.Stdout, StringComparison.Ordinal);
        Assert.Contains(server.Host.Measurement, again.Stdout, StringComparison.Ordinal);
        Assert.Equal(afterFirst, afterSecond);
    }

    [Fact]
    public async Task RegisterKey_FreshServer_AlreadyRegisteredExitsZeroAndSendsNothing()
    {
        await using SettlementServer server = await SettlementServer.StartAsync(_root, socket: true);
        ulong block = await server.Chain.GetBlockNumberAsync();

        Run run = await RunAsync("register-key", "--server", server.Address, "--policy", WritePolicy(server.Host.Measurement, allowSimulation: true),
            "--governance-key", GovernanceKeyPath, "--root", server.Host.RootCertificatePath);

        Assert.Equal(AuditCli.ExitSuccess, run.Exit);
        Assert.Contains($"already registered: {server.Host.SettlementAddress}", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(server.Host.SettlementAddress, Assert.Single(await server.Chain.GetKeyRegistrationsAsync()).Key);
        Assert.Equal(block, await server.Chain.GetBlockNumberAsync());
    }

    [Fact]
    public async Task RegisterKey_NotTheGovernanceKey_ExitsOneAndChangesNothing()
    {
        await using SettlementServer server = await SettlementServer.StartAsync(_root, socket: true);
        var other = ChainKey.Generate();
        await server.Chain.RegisterEnclaveKeyAsync(server.Governance, other.Address);
        string stranger = Path.Combine(_root, "stranger.key");
        await File.WriteAllTextAsync(stranger, "0x" + Convert.ToHexStringLower(ChainKey.Generate().ExportPrivateKey()) + "\n");
        ulong block = await server.Chain.GetBlockNumberAsync();

        Run run = await RunAsync("register-key", "--server", server.Address, "--policy", WritePolicy(server.Host.Measurement, allowSimulation: true),
            "--governance-key", stranger, "--format", "json");

        Assert.Equal(AuditCli.ExitFailure, run.Exit);
        Assert.Contains(nameof(ChainError.NotGovernance), run.Stderr, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(run.Stdout);
        Assert.False(document.RootElement.GetProperty("ok").GetBoolean());
        Assert.True(document.RootElement.GetProperty("attestation").GetProperty("ok").GetBoolean());
        Assert.Equal(other.Address, await server.Chain.GetEnclaveKeyAsync());
        Assert.Equal(2, (await server.Chain.GetKeyRegistrationsAsync()).Count);
        Assert.Equal(block, await server.Chain.GetBlockNumberAsync());
    }

    [Theory]
    [InlineData("{\"mrenclave\": [\"0000000000000000000000000000000000000000000000000000000000000001\"], \"allow_simulation\": true}", "Measurement")]
    [InlineData("{\"mrenclave\": [\"MEASUREMENT\"], \"allow_simulation\": false, \"quoting_enclave\": \"simulated\"}", "Simulation")]
    [InlineData("{\"mrenclave\": [\"MEASUREMENT\"], \"allow_simulation\": true, \"min_isv_svn\": 65535}", "SecurityVersion")]
    public async Task RegisterKey_QuoteFailsThePolicy_ExitsOneAndSendsNothing(string policyJson, string failedCheck)
    {
        await using SettlementServer server = await SettlementServer.StartAsync(_root, socket: true);
        var other = ChainKey.Generate();
        await server.Chain.RegisterEnclaveKeyAsync(server.Governance, other.Address);
        string policy = Path.Combine(_root, "policy.json");
        await File.WriteAllTextAsync(policy, policyJson.Replace("MEASUREMENT", server.Host.Measurement, StringComparison.Ordinal));
        ulong block = await server.Chain.GetBlockNumberAsync();

        Run run = await RunAsync("register-key", "--server", server.Address, "--policy", policy, "--governance-key", GovernanceKeyPath,
            "--root", server.Host.RootCertificatePath, "--format", "json");

        Assert.Equal(AuditCli.ExitFailure, run.Exit);
        Assert.Contains($"check {failedCheck} failed", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("nothing was sent to the chain", run.Stderr, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(run.Stdout);
        Assert.Equal(failedCheck, document.RootElement.GetProperty("attestation").GetProperty("failed_check").GetString());
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("registration").ValueKind);
        Assert.Equal(other.Address, await server.Chain.GetEnclaveKeyAsync());
        Assert.Equal(block, await server.Chain.GetBlockNumberAsync());
    }

    [Fact]
    public async Task RegisterKey_BadArgumentsExitTwo_BadFilesAndUnreachableServerExitOne()
    {
        await using SettlementServer server = await SettlementServer.StartAsync(_root, socket: true);
        var other = ChainKey.Generate();
        await server.Chain.RegisterEnclaveKeyAsync(server.Governance, other.Address);
        string simulation = WritePolicy(server.Host.Measurement, allowSimulation: true);
        string hardware = Path.Combine(_root, "hardware.json");
        await File.WriteAllTextAsync(hardware, $"{{\"mrenclave\": [\"{server.Host.Measurement}\"]}}");
        string badKey = Path.Combine(_root, "bad.key");
        await File.WriteAllTextAsync(badKey, "not a key");
        string zeroKey = Path.Combine(_root, "zero.key");
        await File.WriteAllTextAsync(zeroKey, new string('0', 64));
        string[] good = ["register-key", "--server", server.Address, "--policy", simulation, "--governance-key", GovernanceKeyPath];

        int[] usage =
        [
            (await RunAsync("register-key", "--server", server.Address, "--policy", simulation)).Exit,
            (await RunAsync("register-key", "--server", "ftp://127.0.0.1:1", "--policy", simulation, "--governance-key", GovernanceKeyPath)).Exit,
            (await RunAsync([.. good, "--contract", "0x1234"])).Exit,
            (await RunAsync("register-key", "--server", server.Address, "--policy", hardware, "--governance-key", GovernanceKeyPath)).Exit,
            (await RunAsync([.. good, "--rpc-url", "http://127.0.0.1:8545"])).Exit,
            (await RunAsync([.. good, "--rpc-url", "not a url"])).Exit,
            (await RunAsync([.. good, "--contract", other.Address.ToString()])).Exit,
        ];
        int[] failure =
        [
            (await RunAsync("register-key", "--server", server.Address, "--policy", simulation, "--governance-key", Path.Combine(_root, "missing.key"))).Exit,
            (await RunAsync("register-key", "--server", server.Address, "--policy", simulation, "--governance-key", badKey)).Exit,
            (await RunAsync("register-key", "--server", server.Address, "--policy", simulation, "--governance-key", zeroKey)).Exit,
            (await RunAsync("register-key", "--server", server.Address, "--policy", Path.Combine(_root, "missing.json"), "--governance-key", GovernanceKeyPath)).Exit,
            (await RunAsync("register-key", "--server", "http://127.0.0.1:1", "--policy", simulation, "--governance-key", GovernanceKeyPath)).Exit,
        ];

        Assert.All(usage, exit => Assert.Equal(AuditCli.ExitUsage, exit));
        Assert.All(failure, exit => Assert.Equal(AuditCli.ExitFailure, exit));
        Assert.Equal(other.Address, await server.Chain.GetEnclaveKeyAsync());
        Assert.Equal(2, (await server.Chain.GetKeyRegistrationsAsync()).Count);
    }

    [Fact]
    public void AddressOf_KeysAddress_AndNotAnUncompressedSecp256k1Point_ArgumentException()
    {
        var key = ChainKey.Generate();
        byte[] publicKey = new Nethereum.Signer.EthECKey(key.ExportPrivateKey(), true).GetPubKey();
        byte[] notOnCurve = new byte[EnclaveKeyRegistration.PublicKeySize];
        notOnCurve[0] = 0x04;
        notOnCurve[^1] = 7;

        Assert.Throws<ArgumentException>(() => EnclaveKeyRegistration.AddressOf(new byte[64]));
        Assert.Throws<ArgumentException>(() => EnclaveKeyRegistration.AddressOf(new byte[EnclaveKeyRegistration.PublicKeySize]));
        Assert.Throws<ArgumentException>(() => EnclaveKeyRegistration.AddressOf(notOnCurve));
        Assert.Equal(key.Address, EnclaveKeyRegistration.AddressOf(publicKey));
    }

    private string GovernanceKeyPath => Path.Combine(_root, "governance.key");

    private string WritePolicy(string measurement, bool allowSimulation)
    {
        string path = Path.Combine(_root, "policy.json");
        File.WriteAllText(path, $"{{\"mrenclave\": [\"{measurement}\"], \"allow_simulation\": {(allowSimulation ? "true" : "false")}}}");
        return path;
    }

    private static async Task<Run> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = await AuditCli.RunAsync(args, stdout, stderr);
        return new Run(exit, stdout.ToString(), stderr.ToString());
    }

    private sealed record Run(int Exit, string Stdout, string Stderr);
}
