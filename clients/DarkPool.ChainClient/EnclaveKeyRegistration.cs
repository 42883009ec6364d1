using DarkPool.Chain;
using DarkPool.Chain.Evm;
using Nethereum.Signer;

namespace DarkPool.ChainClient;

/// <summary>
/// Governance registering the enclave's settlement key on a server's chain (docs/SETTLEMENT.md, "Registering the
/// enclave key"), the chain half of <c>darkpool-audit register-key</c>: the caller has verified the enclave's
/// attestation, whose REPORTDATA binds the settlement public key, and passes that key's address here. On an EVM chain
/// the governance key sends <c>registerEnclaveKey</c> itself; on the embedded chain it signs an authorisation that the
/// gateway's development service passes to the chain (<see cref="DevChainClient.RegisterEnclaveKeyAsync"/>). Nothing is
/// sent when the key is already registered, or when the governance key is not the chain's governance.
/// </summary>
public static class EnclaveKeyRegistration
{
    /// <summary>The size of a settlement public key: SEC1 uncompressed, 0x04 | X | Y.</summary>
    public const int PublicKeySize = 65;

    /// <summary>
    /// The Ethereum address of a settlement public key (the last 20 bytes of keccak256(X | Y)), the address the chain
    /// checks batch signatures against.
    /// </summary>
    /// <exception cref="ArgumentException">Not 65 bytes starting 0x04, or not a point on secp256k1.</exception>
    public static EthAddress AddressOf(ReadOnlySpan<byte> settlementPublicKey)
    {
        if (settlementPublicKey.Length != PublicKeySize || settlementPublicKey[0] != 0x04)
        {
            throw new ArgumentException("A settlement public key is 0x04 | X | Y (65 bytes).", nameof(settlementPublicKey));
        }

        try
        {
            return EthAddress.Parse(new EthECKey(settlementPublicKey.ToArray(), isPrivate: false).GetPublicAddress());
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException("The settlement public key is not a point on secp256k1.", nameof(settlementPublicKey), e);
        }
    }

    /// <summary>
    /// Registers <paramref name="enclaveKey"/> with <paramref name="governance"/> on the chain the server behind
    /// <paramref name="gateway"/> settles to: for an EVM chain at <paramref name="rpcUrl"/> (default: the node the server
    /// reports) and <paramref name="contract"/> (default: the server's contract). Throws
    /// <see cref="ChainRejectedException"/> (<see cref="ChainError.NotGovernance"/>, nothing sent) when
    /// <paramref name="governance"/> is not the chain's governance, or when the chain refuses; <see cref="ArgumentException"/>
    /// when an RPC address or contract is given for the embedded chain, or the server reports no node and none is given.
    /// </summary>
    public static async Task<EnclaveKeyRegistrationResult> RegisterAsync(
        DevChainClient gateway, ChainKey governance, EthAddress enclaveKey, Uri? rpcUrl = null, EthAddress? contract = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(governance);
        if (enclaveKey.IsZero)
        {
            throw new ArgumentException("The zero address is no enclave key.", nameof(enclaveKey));
        }

        ChainInfo info = gateway.Info;
        if (info.Backend != "evm")
        {
            if (rpcUrl is not null || contract is not null)
            {
                throw new ArgumentException($"The server settles on its {info.Backend} chain: an RPC address and a contract are for EVM chains.");
            }

            return await RegisterOnAsync(gateway, info.Backend, governance, enclaveKey,
                () => gateway.RegisterEnclaveKeyAsync(governance, enclaveKey, cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        Uri node = rpcUrl ?? (Uri.TryCreate(info.RpcUrl, UriKind.Absolute, out Uri? reported)
            ? reported
            : throw new ArgumentException("The server reports no address for its EVM node: give the node's RPC address."));
        EthAddress at = contract ?? info.Contract;
        await using EvmChain evm = await EvmChain.ConnectAsync(node, at, at == info.Contract ? info.DeploymentBlock : 0, cancellationToken).ConfigureAwait(false);
        return await RegisterOnAsync(evm, info.Backend, governance, enclaveKey, async () =>
        {
            await evm.RegisterEnclaveKeyAsync(governance, enclaveKey, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<KeyRegistration> keys = await evm.GetKeyRegistrationsAsync(cancellationToken).ConfigureAwait(false);
            return keys[^1];
        }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<EnclaveKeyRegistrationResult> RegisterOnAsync(
        IChainView chain, string backend, ChainKey governance, EthAddress enclaveKey, Func<ValueTask<KeyRegistration>> register, CancellationToken cancellationToken)
    {
        if (chain.Governance != governance.Address)
        {
            throw new ChainRejectedException(ChainError.NotGovernance,
                $"The key given is {governance.Address}, not the chain's governance address {chain.Governance}; nothing was sent.");
        }

        EthAddress previous = await chain.GetEnclaveKeyAsync(cancellationToken).ConfigureAwait(false);
        KeyRegistration? registration = previous == enclaveKey ? null : await register().ConfigureAwait(false);
        return new EnclaveKeyRegistrationResult(backend, chain.Domain.ChainId, chain.Domain.Contract, enclaveKey, previous, registration);
    }
}
