using System.Globalization;
using System.Numerics;
using DarkPool.Chain;
using DarkPool.Chain.Batches;
using DarkPool.Chain.Embedded;
using DarkPool.Gateway.DevChain.V1;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace DarkPool.ChainClient;

/// <summary>
/// The embedded chain inside a server, reached through the gateway's development service (darkpool.v1.DevChain):
/// the same <see cref="IChainView"/> a trader or an auditor uses against an EVM node. Deposits are authorised by the
/// depositor's signature (<see cref="DevDepositAuthorization"/>); the key stays here. A refusal by the chain's rules is a
/// <see cref="ChainRejectedException"/> as with the other backends; a transport failure is an <see cref="RpcException"/>.
/// </summary>
public sealed class DevChainClient : IChainView
{
    private readonly DevChain.DevChainClient _client;
    private readonly GrpcChannel? _ownedChannel;

    private DevChainClient(DevChain.DevChainClient client, ChainInfo info, GrpcChannel? ownedChannel)
    {
        _client = client;
        Info = info;
        _ownedChannel = ownedChannel;
        Domain = new SettlementDomain(info.ChainId, info.Contract);
    }

    /// <summary>What the server said about its chain when this client connected.</summary>
    public ChainInfo Info { get; }

    /// <inheritdoc/>
    public SettlementDomain Domain { get; }

    /// <inheritdoc/>
    public EthAddress Governance => Info.Governance;

    /// <summary>How long a deposit or key registration authorisation stays valid.</summary>
    public TimeSpan AuthorizationLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Connects over <paramref name="channel"/> (not disposed with this client) and reads the chain's description.</summary>
    public static async Task<DevChainClient> ConnectAsync(GrpcChannel channel, CancellationToken cancellationToken = default) =>
        await ConnectAsync(channel, owned: false, cancellationToken).ConfigureAwait(false);

    /// <summary>Connects to the gateway at <paramref name="address"/> (plaintext HTTP/2 unless https).</summary>
    public static async Task<DevChainClient> ConnectAsync(Uri address, CancellationToken cancellationToken = default) =>
        await ConnectAsync(GrpcChannel.ForAddress(address), owned: true, cancellationToken).ConfigureAwait(false);

    private static async Task<DevChainClient> ConnectAsync(GrpcChannel channel, bool owned, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var client = new DevChain.DevChainClient(channel);
        Gateway.DevChain.V1.ChainInfo info = await Call(() => client.GetChainInfoAsync(new GetChainInfoRequest(), cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new DevChainClient(client, FromProto(info), owned ? channel : null);
    }

    /// <summary>Mints development tokens of <paramref name="asset"/> to <paramref name="to"/>; returns the new balance.</summary>
    public async ValueTask<BigInteger> FaucetAsync(int asset, EthAddress to, BigInteger amount, CancellationToken cancellationToken = default)
    {
        FaucetReply reply = await Call(() => _client.FaucetAsync(
            new FaucetRequest { Asset = asset, To = to.ToString(), Amount = Text(amount) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return Parse(reply.Balance);
    }

    /// <inheritdoc/>
    public async ValueTask<ulong> GetBlockNumberAsync(CancellationToken cancellationToken = default) =>
        (await Call(() => _client.GetBlockNumberAsync(new GetBlockNumberRequest(), cancellationToken: cancellationToken)).ConfigureAwait(false)).Number;

    /// <inheritdoc/>
    public async ValueTask<Chain.DepositRecord> DepositAsync(
        ChainKey depositor, EthAddress token, EthAddress account, BigInteger amount, CancellationToken cancellationToken = default)
    {
        var authorization = DevDepositAuthorization.Create(depositor, Domain, token, account, amount, DateTimeOffset.UtcNow, AuthorizationLifetime);
        Gateway.DevChain.V1.DepositRecord record = await Call(() => _client.DepositAsync(new DepositRequest
        {
            Depositor = authorization.Depositor.ToString(),
            Token = token.ToString(),
            Account = account.ToString(),
            Amount = Text(amount),
            Nonce = ByteString.CopyFrom(authorization.Nonce.ToArray()),
            NotAfter = authorization.NotAfter,
            Signature = ByteString.CopyFrom(authorization.Signature.Span),
        }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return FromProto(record);
    }

    /// <summary>
    /// Registers (or rotates to) <paramref name="enclaveKey"/> as the enclave key, authorised by <paramref name="governance"/>'s
    /// signature (<see cref="DevKeyRegistrationAuthorization"/>); the key stays here. Returns the registration as recorded.
    /// Refusals: <see cref="ChainRejectedException"/> by the chain's rules, otherwise an <see cref="RpcException"/>
    /// (PermissionDenied: not the governance key; AlreadyExists: a replay; FailedPrecondition: expired).
    /// </summary>
    public async ValueTask<Chain.KeyRegistration> RegisterEnclaveKeyAsync(ChainKey governance, EthAddress enclaveKey, CancellationToken cancellationToken = default)
    {
        var authorization = DevKeyRegistrationAuthorization.Create(governance, Domain, enclaveKey, DateTimeOffset.UtcNow, AuthorizationLifetime);
        RegisterEnclaveKeyReply reply = await Call(() => _client.RegisterEnclaveKeyAsync(new RegisterEnclaveKeyRequest
        {
            EnclaveKey = enclaveKey.ToString(),
            Nonce = ByteString.CopyFrom(authorization.Nonce.ToArray()),
            NotAfter = authorization.NotAfter,
            Signature = ByteString.CopyFrom(authorization.Signature.Span),
        }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        Gateway.DevChain.V1.KeyRegistration k = reply.Registration;
        return new Chain.KeyRegistration(EthAddress.Parse(k.Key), k.FromSequence, k.BlockNumber);
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<Chain.DepositRecord>> GetDepositsAsync(ulong fromIndex, CancellationToken cancellationToken = default)
    {
        GetDepositsReply reply = await Call(() => _client.GetDepositsAsync(new GetDepositsRequest { FromIndex = fromIndex }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. reply.Deposits.Select(FromProto)];
    }

    /// <inheritdoc/>
    public async ValueTask<Hash32> GetDepositHashAsync(ulong index, CancellationToken cancellationToken = default) =>
        Hash((await Call(() => _client.GetDepositHashAsync(new GetDepositHashRequest { Index = index }, cancellationToken: cancellationToken)).ConfigureAwait(false)).Hash);

    /// <inheritdoc/>
    public async ValueTask<EthAddress> GetEnclaveKeyAsync(CancellationToken cancellationToken = default)
    {
        Gateway.DevChain.V1.ChainInfo info = await Call(() => _client.GetChainInfoAsync(new GetChainInfoRequest(), cancellationToken: cancellationToken)).ConfigureAwait(false);
        return EthAddress.Parse(info.EnclaveKey);
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<Chain.KeyRegistration>> GetKeyRegistrationsAsync(CancellationToken cancellationToken = default)
    {
        GetKeyRegistrationsReply reply = await Call(() => _client.GetKeyRegistrationsAsync(new GetKeyRegistrationsRequest(), cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. reply.Registrations.Select(k => new Chain.KeyRegistration(EthAddress.Parse(k.Key), k.FromSequence, k.BlockNumber))];
    }

    /// <inheritdoc/>
    public async ValueTask<Chain.SettlementHead> GetSettlementHeadAsync(CancellationToken cancellationToken = default)
    {
        Gateway.DevChain.V1.SettlementHead head = await Call(() => _client.GetSettlementHeadAsync(new GetSettlementHeadRequest(), cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new Chain.SettlementHead(head.NextSequence, Hash(head.LastBatchHash), Hash(head.JournalHead), head.SettledDepositIndex, head.DepositCount);
    }

    /// <inheritdoc/>
    public async ValueTask<Hash32> GetAnchoredJournalHeadAsync(CancellationToken cancellationToken = default) =>
        (await GetSettlementHeadAsync(cancellationToken).ConfigureAwait(false)).JournalHead;

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<Chain.SettledBatch>> GetSettledBatchesAsync(ulong fromSequence, CancellationToken cancellationToken = default)
    {
        var batches = new List<Chain.SettledBatch>();
        ulong next = fromSequence;
        while (true)
        {
            GetSettledBatchesReply reply = await Call(() => _client.GetSettledBatchesAsync(
                new GetSettledBatchesRequest { FromSequence = next }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            foreach (Gateway.DevChain.V1.SettledBatch b in reply.Batches)
            {
                var signed = new SignedBatch(b.Encoded.Memory, b.Signature.Memory);
                batches.Add(new Chain.SettledBatch(b.Sequence, Hash(b.BatchHash), Hash(b.JournalHead), signed.Decode().Ciphertext, b.BlockNumber, signed));
                next = b.Sequence + 1;
            }

            if (reply.Batches.Count == 0)
            {
                return batches;
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask<BigInteger> GetTokenBalanceAsync(EthAddress token, EthAddress holder, CancellationToken cancellationToken = default) =>
        Parse((await Call(() => _client.GetTokenBalanceAsync(
            new GetTokenBalanceRequest { Token = token.ToString(), Holder = holder.ToString() }, cancellationToken: cancellationToken)).ConfigureAwait(false)).Amount);

    /// <inheritdoc/>
    public async ValueTask<BigInteger> GetCustodyAsync(EthAddress token, CancellationToken cancellationToken = default) =>
        Parse((await Call(() => _client.GetCustodyAsync(new GetCustodyRequest { Token = token.ToString() }, cancellationToken: cancellationToken)).ConfigureAwait(false)).Amount);

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        _ownedChannel?.Dispose();
        return ValueTask.CompletedTask;
    }

    internal static ChainInfo FromProto(Gateway.DevChain.V1.ChainInfo info) => new(
        info.Backend, info.ChainId, EthAddress.Parse(info.Contract), EthAddress.Parse(info.Governance), EthAddress.Parse(info.EnclaveKey),
        info.RpcUrl, info.DeploymentBlock, [.. info.Assets.Select(a => new ChainAssetInfo(a.Asset, a.Symbol, EthAddress.Parse(a.Token)))],
        Parse(info.MaxFaucetAmount), info.Confirmations);

    private static Chain.DepositRecord FromProto(Gateway.DevChain.V1.DepositRecord d) => new(
        d.Index, EthAddress.Parse(d.Token), EthAddress.Parse(d.Account), Parse(d.Amount), Hash(d.RunningHash), d.BlockNumber, d.Confirmations);

    private static Hash32 Hash(ByteString bytes) => Hash32.FromBytes(bytes.Span);

    private static BigInteger Parse(string text) => BigInteger.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);

    private static string Text(BigInteger amount) => amount.ToString(CultureInfo.InvariantCulture);

    private static async Task<T> Call<T>(Func<AsyncUnaryCall<T>> call)
    {
        try
        {
            return await call().ResponseAsync.ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition
            && e.Trailers.GetValue("darkpool-chain-error") is { } name && Enum.TryParse(name, out ChainError error))
        {
            throw new ChainRejectedException(error, e.Status.Detail);
        }
    }
}
