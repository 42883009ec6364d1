extern alias chainclient;

using DarkPool.Chain;
using DarkPool.Chain.Batches;
using DarkPool.Chain.Embedded;
using Google.Protobuf;
using Grpc.Core;
using chainclient::DarkPool.ChainClient;
using ClientProto = chainclient::DarkPool.Gateway.DevChain.V1;

namespace DarkPool.Settlement.Tests;

/// <summary>
/// darkpool.v1.DevChain/RegisterEnclaveKey and the embedded chain's rule behind it: governance's signed authorisation
/// registers once; a replay, an expired authorisation, another signer, another chain's signature and malformed fields are
/// refused with their own status, and the chain refuses a signer other than governance by itself.
/// </summary>
public sealed class DevChainKeyRegistrationTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("dp-devchain-key-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task RegisterEnclaveKey_GovernanceAuthorisation_RegistersOnce_ReplayAlreadyExists()
    {
        await using SettlementServer server = await SettlementServer.StartAsync(_root);
        var client = new ClientProto.DevChain.DevChainClient(server.Channel);
        EthAddress key = ChainKey.Generate().Address;
        ClientProto.RegisterEnclaveKeyRequest request = ToRequest(
            DevKeyRegistrationAuthorization.Create(server.Governance, server.Chain.Domain, key, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1)));

        ClientProto.RegisterEnclaveKeyReply reply = await client.RegisterEnclaveKeyAsync(request);
        RpcException replay = await Assert.ThrowsAsync<RpcException>(async () => await client.RegisterEnclaveKeyAsync(request));

        Assert.Equal(key.ToString(), reply.Registration.Key);
        Assert.Equal(1UL, reply.Registration.FromSequence);
        Assert.Equal(StatusCode.AlreadyExists, replay.StatusCode);
        Assert.Equal([server.Host.SettlementAddress, key], (await server.Chain.GetKeyRegistrationsAsync()).Select(k => k.Key));
    }

    [Fact]
    public async Task RegisterEnclaveKey_ThroughDevChainClient_RegistersAndReportsTheRegistration()
    {
        await using SettlementServer server = await SettlementServer.StartAsync(_root);
        await using DevChainClient client = await DevChainClient.ConnectAsync(server.Channel);
        EthAddress key = ChainKey.Generate().Address;

        KeyRegistration registration = await client.RegisterEnclaveKeyAsync(server.Governance, key);

        Assert.Equal(key, registration.Key);
        Assert.Equal(key, await server.Chain.GetEnclaveKeyAsync());
        Assert.Equal(registration, (await server.Chain.GetKeyRegistrationsAsync())[^1]);
    }

    [Fact]
    public async Task RegisterEnclaveKey_ExpiredOtherSignerOrOtherChain_RefusedWithTheirStatus_NothingChanged()
    {
        await using SettlementServer server = await SettlementServer.StartAsync(_root);
        var client = new ClientProto.DevChain.DevChainClient(server.Channel);
        EthAddress key = ChainKey.Generate().Address;
        SettlementDomain domain = server.Chain.Domain;
        ulong block = await server.Chain.GetBlockNumberAsync();

        RpcException expired = await Assert.ThrowsAsync<RpcException>(async () => await client.RegisterEnclaveKeyAsync(ToRequest(
            DevKeyRegistrationAuthorization.Create(server.Governance, domain, key, DateTimeOffset.UtcNow.AddHours(-1), TimeSpan.FromMinutes(1)))));
        RpcException stranger = await Assert.ThrowsAsync<RpcException>(async () => await client.RegisterEnclaveKeyAsync(ToRequest(
            DevKeyRegistrationAuthorization.Create(ChainKey.Generate(), domain, key, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1)))));
        RpcException otherChain = await Assert.ThrowsAsync<RpcException>(async () => await client.RegisterEnclaveKeyAsync(ToRequest(
            DevKeyRegistrationAuthorization.Create(server.Governance, new SettlementDomain(domain.ChainId + 1, domain.Contract), key, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1)))));
        var signed = DevKeyRegistrationAuthorization.Create(server.Governance, domain, key, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        RpcException swapped = await Assert.ThrowsAsync<RpcException>(async () => await client.RegisterEnclaveKeyAsync(ToRequest(
            signed with { EnclaveKey = ChainKey.Generate().Address })));

        Assert.Equal(StatusCode.FailedPrecondition, expired.StatusCode);
        Assert.Null(expired.Trailers.GetValue("darkpool-chain-error"));
        Assert.Equal(StatusCode.PermissionDenied, stranger.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, otherChain.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, swapped.StatusCode);
        Assert.Equal(server.Host.SettlementAddress, Assert.Single(await server.Chain.GetKeyRegistrationsAsync()).Key);
        Assert.Equal(block, await server.Chain.GetBlockNumberAsync());
    }

    [Fact]
    public async Task RegisterEnclaveKey_MalformedFields_InvalidArgument()
    {
        await using SettlementServer server = await SettlementServer.StartAsync(_root);
        var client = new ClientProto.DevChain.DevChainClient(server.Channel);
        ClientProto.RegisterEnclaveKeyRequest good = ToRequest(DevKeyRegistrationAuthorization.Create(
            server.Governance, server.Chain.Domain, ChainKey.Generate().Address, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1)));

        foreach (ClientProto.RegisterEnclaveKeyRequest bad in new[]
        {
            new ClientProto.RegisterEnclaveKeyRequest(good) { Nonce = ByteString.CopyFrom(new byte[31]) },
            new ClientProto.RegisterEnclaveKeyRequest(good) { EnclaveKey = "0x22" },
            new ClientProto.RegisterEnclaveKeyRequest(good) { EnclaveKey = "" },
            new ClientProto.RegisterEnclaveKeyRequest(good) { Signature = ByteString.CopyFrom(good.Signature.Span[..64]) },
        })
        {
            RpcException e = await Assert.ThrowsAsync<RpcException>(async () => await client.RegisterEnclaveKeyAsync(bad));
            Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        }

        Assert.Single(await server.Chain.GetKeyRegistrationsAsync());
    }

    [Fact]
    public async Task EmbeddedChain_AuthorisedRegistration_OnlyGovernanceUnexpiredNonZero()
    {
        var governance = ChainKey.Generate();
        await using EmbeddedChain chain = EmbeddedChain.OpenOrCreate(Path.Combine(_root, "chain"), governance.Address);
        EthAddress key = ChainKey.Generate().Address;
        DateTimeOffset now = DateTimeOffset.UtcNow;

        ChainRejectedException stranger = await Assert.ThrowsAsync<ChainRejectedException>(async () => await chain.RegisterEnclaveKeyAuthorizedAsync(
            DevKeyRegistrationAuthorization.Create(ChainKey.Generate(), chain.Domain, key, now, TimeSpan.FromMinutes(1)), now));
        ChainRejectedException expired = await Assert.ThrowsAsync<ChainRejectedException>(async () => await chain.RegisterEnclaveKeyAuthorizedAsync(
            DevKeyRegistrationAuthorization.Create(governance, chain.Domain, key, now, TimeSpan.FromMinutes(1)), now.AddMinutes(2)));
        ChainRejectedException zero = await Assert.ThrowsAsync<ChainRejectedException>(async () => await chain.RegisterEnclaveKeyAuthorizedAsync(
            DevKeyRegistrationAuthorization.Create(governance, chain.Domain, EthAddress.Zero, now, TimeSpan.FromMinutes(1)), now));
        Assert.Empty(await chain.GetKeyRegistrationsAsync());
        await chain.RegisterEnclaveKeyAuthorizedAsync(DevKeyRegistrationAuthorization.Create(governance, chain.Domain, key, now, TimeSpan.FromMinutes(1)), now);

        Assert.Equal(ChainError.NotGovernance, stranger.Error);
        Assert.Equal(ChainError.InvalidSignature, expired.Error);
        Assert.Equal(ChainError.ZeroAddress, zero.Error);
        Assert.Equal(key, Assert.Single(await chain.GetKeyRegistrationsAsync()).Key);
    }

    private static ClientProto.RegisterEnclaveKeyRequest ToRequest(DevKeyRegistrationAuthorization a) => new()
    {
        EnclaveKey = a.EnclaveKey.ToString(), Nonce = ByteString.CopyFrom(a.Nonce.ToArray()), NotAfter = a.NotAfter,
        Signature = ByteString.CopyFrom(a.Signature.Span),
    };
}
