using DarkPool.Chain;
using DarkPool.Chain.Embedded;
using DarkPool.Gateway.DevChain.V1;
using Grpc.Core;

namespace DarkPool.Gateway.DevChain;

/// <summary>
/// RegisterEnclaveKey: governance registers the enclave key it has just attested, by signature (the governance key never
/// reaches the server). Refusals, in the order checked: no chain Unavailable; an EVM chain FailedPrecondition (register
/// on the node); a malformed field InvalidArgument; an expired authorisation FailedPrecondition; a signer that is not
/// the chain's governance PermissionDenied; an authorisation already used AlreadyExists; then the chain's own rules
/// (FailedPrecondition with the chain error trailer), which check the signer again.
/// </summary>
internal sealed partial class DevChainService
{
    public override async Task<RegisterEnclaveKeyReply> RegisterEnclaveKey(RegisterEnclaveKeyRequest request, ServerCallContext context)
    {
        DevChainContext c = Context();
        if (c.Chain is not EmbeddedChain embedded)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition,
                "The server runs an EVM chain: register the enclave key on the node directly, with the governance key."));
        }

        if (request.Nonce.Length != Hash32.Size)
        {
            throw Invalid("nonce", "The nonce is 32 bytes.");
        }

        if (request.Signature.Length != Chain.Batches.BatchDescriptor.SignatureSize)
        {
            throw Invalid("signature", $"The signature is {Chain.Batches.BatchDescriptor.SignatureSize} bytes: r | s | v.");
        }

        var authorization = new DevKeyRegistrationAuthorization(
            Address(request.EnclaveKey, "enclave_key"), Hash32.FromBytes(request.Nonce.Span), request.NotAfter, request.Signature.ToByteArray());
        DateTimeOffset now = _clock.GetUtcNow();
        if (authorization.IsExpired(now))
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"This key registration authorisation expired at {authorization.NotAfter} (Unix seconds; the server's clock says {now.ToUnixTimeSeconds()})."));
        }

        if (!authorization.TryRecoverSigner(embedded.Domain, out EthAddress signer) || signer != embedded.Governance)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"The key registration is not signed by the chain's governance address {embedded.Governance}."));
        }

        if (!UsedAuthorizations.TryUse(authorization.DigestOn(embedded.Domain), authorization.NotAfter, now.ToUnixTimeSeconds()))
        {
            throw new RpcException(new Status(StatusCode.AlreadyExists, "This key registration authorisation was already used."));
        }

        await Run(() => embedded.RegisterEnclaveKeyAuthorizedAsync(authorization, now));
        IReadOnlyList<Chain.KeyRegistration> keys = await Run(() => embedded.GetKeyRegistrationsAsync(context.CancellationToken));
        Chain.KeyRegistration registered = keys[^1];
        return new RegisterEnclaveKeyReply
        {
            Registration = new V1.KeyRegistration
            {
                Key = registered.Key.ToString(), FromSequence = registered.FromSequence, BlockNumber = registered.BlockNumber,
            },
        };
    }
}
