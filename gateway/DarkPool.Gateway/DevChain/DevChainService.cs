using System.Globalization;
using System.Numerics;
using DarkPool.Chain;
using DarkPool.Chain.Embedded;
using DarkPool.Gateway.DevChain.V1;
using DarkPool.Host.Settlement;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace DarkPool.Gateway.DevChain;

/// <summary>
/// darkpool.v1.DevChain: the server's settlement chain for development command lines (devchain.proto). Everything it
/// returns is public chain data; the faucet mints development tokens only; deposits carry the depositor's signature.
/// </summary>
internal sealed partial class DevChainService(IServiceProvider services, TimeProvider? clock = null) : V1.DevChain.DevChainBase
{
    /// <summary>The trailer that names the contract's custom error of a refusal (ChainError).</summary>
    public const string ChainErrorTrailer = "darkpool-chain-error";
    private const int MaxBatchesPerCall = 256;
    private readonly DevChainContext? _context = services.GetService<DevChainContext>();
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public override async Task<ChainInfo> GetChainInfo(GetChainInfoRequest request, ServerCallContext context)
    {
        DevChainContext c = Context();
        var info = new ChainInfo
        {
            Backend = c.Backend,
            ChainId = c.Chain.Domain.ChainId,
            Contract = c.Chain.Domain.Contract.ToString(),
            Governance = c.Chain.Governance.ToString(),
            EnclaveKey = (await Run(() => c.Chain.GetEnclaveKeyAsync(context.CancellationToken))).ToString(),
            RpcUrl = c.RpcUrl,
            DeploymentBlock = c.DeploymentBlock,
            MaxFaucetAmount = c.MaxFaucetAmount.ToString(CultureInfo.InvariantCulture),
            Confirmations = c.Confirmations,
        };
        foreach (SettlementAsset asset in c.Assets)
        {
            info.Assets.Add(new ChainAsset { Asset = asset.Asset, Symbol = asset.Symbol, Token = asset.Token.ToString() });
        }

        return info;
    }

    public override async Task<FaucetReply> Faucet(FaucetRequest request, ServerCallContext context)
    {
        DevChainContext c = Context();
        SettlementAsset asset = c.Assets.FirstOrDefault(a => a.Asset == request.Asset)
            ?? throw Invalid("asset", $"Asset {request.Asset} has no token on this chain.");
        EthAddress to = Address(request.To, "to");
        BigInteger amount = Amount(request.Amount, "amount");
        if (amount > c.MaxFaucetAmount)
        {
            throw Invalid("amount", $"The faucet mints at most {c.MaxFaucetAmount} per call.");
        }

        await Run(() => c.Chain.MintTestTokenAsync(c.Issuer, asset.Token, to, amount, context.CancellationToken));
        BigInteger balance = await Run(() => c.Chain.GetTokenBalanceAsync(asset.Token, to, context.CancellationToken));
        return new FaucetReply { Token = asset.Token.ToString(), Balance = balance.ToString(CultureInfo.InvariantCulture) };
    }

    public override async Task<V1.DepositRecord> Deposit(DepositRequest request, ServerCallContext context)
    {
        DevChainContext c = Context();
        if (c.Chain is not EmbeddedChain embedded)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition,
                "The server runs an EVM chain: deposit on the node directly (GetChainInfo gives its address and the contract)."));
        }

        if (request.Nonce.Length != Hash32.Size)
        {
            throw Invalid("nonce", "The nonce is 32 bytes.");
        }

        var authorization = new DevDepositAuthorization(
            Address(request.Depositor, "depositor"), Address(request.Token, "token"), Address(request.Account, "account"),
            Amount(request.Amount, "amount"), Hash32.FromBytes(request.Nonce.Span), request.NotAfter, request.Signature.ToByteArray());
        DateTimeOffset now = _clock.GetUtcNow();
        if (!UsedAuthorizations.TryUse(authorization.DigestOn(embedded.Domain), authorization.NotAfter, now.ToUnixTimeSeconds()))
        {
            throw new RpcException(new Status(StatusCode.AlreadyExists, "This deposit authorisation was already used."));
        }

        return ToProto(await Run(() => embedded.DepositAuthorizedAsync(authorization, now)));
    }

    public override async Task<BlockNumber> GetBlockNumber(GetBlockNumberRequest request, ServerCallContext context) =>
        new() { Number = await Run(() => Context().Chain.GetBlockNumberAsync(context.CancellationToken)) };

    public override async Task<GetDepositsReply> GetDeposits(GetDepositsRequest request, ServerCallContext context)
    {
        IReadOnlyList<Chain.DepositRecord> deposits = await Run(() => Context().Chain.GetDepositsAsync(request.FromIndex, context.CancellationToken));
        var reply = new GetDepositsReply();
        reply.Deposits.AddRange(deposits.Select(ToProto));
        return reply;
    }

    public override async Task<DepositHash> GetDepositHash(GetDepositHashRequest request, ServerCallContext context) =>
        new() { Hash = Bytes(await Run(() => Context().Chain.GetDepositHashAsync(request.Index, context.CancellationToken))) };

    public override async Task<TokenAmount> GetTokenBalance(GetTokenBalanceRequest request, ServerCallContext context)
    {
        EthAddress token = Address(request.Token, "token");
        EthAddress holder = Address(request.Holder, "holder");
        BigInteger amount = await Run(() => Context().Chain.GetTokenBalanceAsync(token, holder, context.CancellationToken));
        return new TokenAmount { Amount = amount.ToString(CultureInfo.InvariantCulture) };
    }

    public override async Task<TokenAmount> GetCustody(GetCustodyRequest request, ServerCallContext context)
    {
        EthAddress token = Address(request.Token, "token");
        BigInteger amount = await Run(() => Context().Chain.GetCustodyAsync(token, context.CancellationToken));
        return new TokenAmount { Amount = amount.ToString(CultureInfo.InvariantCulture) };
    }

    public override async Task<V1.SettlementHead> GetSettlementHead(GetSettlementHeadRequest request, ServerCallContext context)
    {
        Chain.SettlementHead head = await Run(() => Context().Chain.GetSettlementHeadAsync(context.CancellationToken));
        return new V1.SettlementHead
        {
            NextSequence = head.NextSequence,
            LastBatchHash = Bytes(head.LastBatchHash),
            JournalHead = Bytes(head.JournalHead),
            SettledDepositIndex = head.SettledDepositIndex,
            DepositCount = head.DepositCount,
        };
    }

    public override async Task<GetSettledBatchesReply> GetSettledBatches(GetSettledBatchesRequest request, ServerCallContext context)
    {
        int limit = request.Limit is 0 or > MaxBatchesPerCall ? MaxBatchesPerCall : (int)request.Limit;
        IReadOnlyList<Chain.SettledBatch> batches = await Run(() => Context().Chain.GetSettledBatchesAsync(request.FromSequence, context.CancellationToken));
        var reply = new GetSettledBatchesReply();
        foreach (Chain.SettledBatch batch in batches.Take(limit))
        {
            reply.Batches.Add(new V1.SettledBatch
            {
                Sequence = batch.Sequence,
                BatchHash = Bytes(batch.BatchHash),
                JournalHead = Bytes(batch.JournalHead),
                BlockNumber = batch.BlockNumber,
                Encoded = ByteString.CopyFrom(batch.Batch.Encoded.Span),
                Signature = ByteString.CopyFrom(batch.Batch.Signature.Span),
            });
        }

        return reply;
    }

    public override async Task<GetKeyRegistrationsReply> GetKeyRegistrations(GetKeyRegistrationsRequest request, ServerCallContext context)
    {
        IReadOnlyList<Chain.KeyRegistration> keys = await Run(() => Context().Chain.GetKeyRegistrationsAsync(context.CancellationToken));
        var reply = new GetKeyRegistrationsReply();
        reply.Registrations.AddRange(keys.Select(k => new V1.KeyRegistration
        {
            Key = k.Key.ToString(), FromSequence = k.FromSequence, BlockNumber = k.BlockNumber,
        }));
        return reply;
    }

    private DevChainContext Context() =>
        _context ?? throw new RpcException(new Status(StatusCode.Unavailable, "This server runs no settlement chain."));

    private static V1.DepositRecord ToProto(Chain.DepositRecord d) => new()
    {
        Index = d.Index,
        Token = d.Token.ToString(),
        Account = d.Account.ToString(),
        Amount = d.Amount.ToString(CultureInfo.InvariantCulture),
        RunningHash = Bytes(d.RunningHash),
        BlockNumber = d.BlockNumber,
        Confirmations = d.Confirmations,
    };

    private static ByteString Bytes(Hash32 hash) => ByteString.CopyFrom(hash.ToArray());

    private static EthAddress Address(string text, string field)
    {
        try
        {
            return EthAddress.Parse(text);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw Invalid(field, $"'{field}' is not a 0x-prefixed 20-byte address.");
        }
    }

    private static BigInteger Amount(string text, string field)
    {
        if (!BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out BigInteger amount)
            || amount.IsZero || amount.GetByteCount(isUnsigned: true) > 32)
        {
            throw Invalid(field, $"'{field}' is a positive uint256 in decimal digits.");
        }

        return amount;
    }

    private static RpcException Invalid(string field, string message) => new(new Status(StatusCode.InvalidArgument, message));

    private static async Task<T> Run<T>(Func<ValueTask<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (ChainRejectedException e)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"The chain refused: {e.Error}."), new Metadata { { ChainErrorTrailer, e.Error.ToString() } });
        }
    }

    private static async Task Run(Func<ValueTask> call) => _ = await Run(async () =>
    {
        await call().ConfigureAwait(false);
        return 0;
    }).ConfigureAwait(false);
}
