extern alias chainclient;

using DarkPool.Chain;
using DarkPool.Chain.Embedded;
using Google.Protobuf;
using Grpc.Core;
using chainclient::DarkPool.ChainClient;
using ClientProto = chainclient::DarkPool.Gateway.DevChain.V1;

namespace DarkPool.Settlement.Tests;

/// <summary>darkpool.v1.DevChain: what it tells, what it mints, and every bad input refused with a clear status.</summary>
public sealed class DevChainServiceTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("dp-devchain-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ChainInfo_DescribesTheServersChain()
    {
        await using SettlementServer server = await SettlementServer.StartAsync(_root);
        await using SettlementChain chain = await SettlementChain.ConnectAsync(server.Channel);

        Assert.Equal("embedded", chain.Info.Backend);
        Assert.Equal(server.Chain.Domain, chain.View.Domain);
        Assert.Equal(server.Governance.Address, chain.Info.Governance);
        Assert.Equal(server.Host.SettlementAddress, chain.Info.EnclaveKey);
        Assert.Equal([1, 2], chain.Info.Assets.Select(a => a.Asset));
        Assert.Equal(server.Host.SettlementAddress, Assert.Single(await chain.View.GetKeyRegistrationsAsync()).Key);
        Assert.Throws<ArgumentException>(() => chain.Info.TokenOf(3));
    }

    [Fact]
    public async Task Deposit_AuthorisationUsedTwiceOrForged_Refused()
    {
        await using SettlementServer server = await SettlementServer.StartAsync(_root);
        await using SettlementChain chain = await SettlementChain.ConnectAsync(server.Channel);
        var client = new ClientProto.DevChain.DevChainClient(server.Channel);
        var alice = ChainKey.Generate();
        EthAddress token = chain.Info.TokenOf(1);
        _ = await chain.Gateway.FaucetAsync(1, alice.Address, 100);
        var authorization = DevDepositAuthorization.Create(alice, chain.View.Domain, token, alice.Address, 10, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        ClientProto.DepositRequest request = ToRequest(authorization);

        ClientProto.DepositRecord record = await client.DepositAsync(request);
        RpcException again = await Assert.ThrowsAsync<RpcException>(async () => await client.DepositAsync(request));
        RpcException forged = await Assert.ThrowsAsync<RpcException>(async () => await client.DepositAsync(
            ToRequest(authorization with { Amount = 90, Nonce = Hash32.FromBytes(new byte[32]) })));
        RpcException expired = await Assert.ThrowsAsync<RpcException>(async () => await client.DepositAsync(ToRequest(
            DevDepositAuthorization.Create(alice, chain.View.Domain, token, alice.Address, 10, DateTimeOffset.UtcNow.AddHours(-1), TimeSpan.FromMinutes(1)))));

        Assert.Equal(1UL, record.Index);
        Assert.Equal(StatusCode.AlreadyExists, again.StatusCode);
        Assert.Equal(StatusCode.FailedPrecondition, forged.StatusCode);
        Assert.Equal(nameof(ChainError.InvalidSignature), forged.Trailers.GetValue("darkpool-chain-error"));
        Assert.Equal(StatusCode.FailedPrecondition, expired.StatusCode);
        Assert.Equal(90, await chain.View.GetTokenBalanceAsync(token, alice.Address));
        Assert.Equal(1UL, (await chain.View.GetSettlementHeadAsync()).DepositCount);
    }

    [Fact]
    public async Task ChainRefusal_IsChainRejectedExceptionOnTheClient()
    {
        await using SettlementServer server = await SettlementServer.StartAsync(_root);
        await using SettlementChain chain = await SettlementChain.ConnectAsync(server.Channel);
        var poor = ChainKey.Generate();

        ChainRejectedException e = await Assert.ThrowsAsync<ChainRejectedException>(async () =>
            await chain.View.DepositAsync(poor, chain.Info.TokenOf(1), poor.Address, 5));

        Assert.Equal(ChainError.TokenCallFailed, e.Error);
        Assert.Equal(0UL, (await chain.View.GetSettlementHeadAsync()).DepositCount);
    }

    [Theory]
    [InlineData(9, "0x1111111111111111111111111111111111111111", "5")]
    [InlineData(1, "not an address", "5")]
    [InlineData(1, "0x1111111111111111111111111111111111111111", "0")]
    [InlineData(1, "0x1111111111111111111111111111111111111111", "-5")]
    [InlineData(1, "0x1111111111111111111111111111111111111111", "1e5")]
    [InlineData(1, "0x1111111111111111111111111111111111111111", "1000000000000000000000000000001")]
    public async Task Faucet_BadInput_InvalidArgument(int asset, string to, string amount)
    {
        await using SettlementServer server = await SettlementServer.StartAsync(_root);
        var client = new ClientProto.DevChain.DevChainClient(server.Channel);

        RpcException e = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.FaucetAsync(new ClientProto.FaucetRequest { Asset = asset, To = to, Amount = amount }));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
    }

    [Fact]
    public async Task Deposit_BadNonceOrAddress_InvalidArgument()
    {
        await using SettlementServer server = await SettlementServer.StartAsync(_root);
        var client = new ClientProto.DevChain.DevChainClient(server.Channel);
        var good = new ClientProto.DepositRequest
        {
            Depositor = "0x1111111111111111111111111111111111111111", Token = "0x2222222222222222222222222222222222222222",
            Account = "0x1111111111111111111111111111111111111111", Amount = "1", Nonce = ByteString.CopyFrom(new byte[32]),
            NotAfter = DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds(), Signature = ByteString.CopyFrom(new byte[65]),
        };

        foreach (ClientProto.DepositRequest bad in new[]
        {
            new ClientProto.DepositRequest(good) { Nonce = ByteString.CopyFrom(new byte[31]) },
            new ClientProto.DepositRequest(good) { Token = "0x22" },
            new ClientProto.DepositRequest(good) { Amount = "" },
        })
        {
            RpcException e = await Assert.ThrowsAsync<RpcException>(async () => await client.DepositAsync(bad));
            Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        }
    }

    private static ClientProto.DepositRequest ToRequest(DevDepositAuthorization a) => new()
    {
        Depositor = a.Depositor.ToString(), Token = a.Token.ToString(), Account = a.Account.ToString(),
        Amount = a.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture), Nonce = ByteString.CopyFrom(a.Nonce.ToArray()),
        NotAfter = a.NotAfter, Signature = ByteString.CopyFrom(a.Signature.Span),
    };
}
