namespace DarkPool.Chain;

/// <summary>
/// Why the chain refused a call. Each name is a custom error of contracts/src (same name, same rule),
/// so the EVM backend decodes reverts into these and the embedded chain raises the same ones.
/// </summary>
public enum ChainError
{
    /// <summary>A revert whose data matches no known custom error (or carries none).</summary>
    Unknown = 0,

    /// <summary>Only the governance address may register the enclave key.</summary>
    NotGovernance,

    /// <summary>A zero address where a token, account, governance or key is required.</summary>
    ZeroAddress,

    /// <summary>A deposit of zero.</summary>
    ZeroAmount,

    /// <summary>The contract received a different amount than the deposit named (fee-on-transfer token).</summary>
    DepositAmountMismatch,

    /// <summary>A token call reverted, returned false, or the token has no code (no balance or allowance).</summary>
    TokenCallFailed,

    /// <summary>A token called back into the contract during a call.</summary>
    Reentrancy,

    /// <summary>The batch bytes have a wrong magic, version or length.</summary>
    MalformedBatch,

    /// <summary>No enclave key is registered yet.</summary>
    EnclaveKeyNotRegistered,

    /// <summary>The signature is not 65 bytes, has v other than 27/28, a high s, or recovers no key.</summary>
    InvalidSignature,

    /// <summary>The signature recovers a key other than the registered enclave key (tampered or foreign batch).</summary>
    SignerMismatch,

    /// <summary>This exact batch is already on chain: reported as <see cref="BatchPostStatus.AlreadySettled"/>.</summary>
    BatchAlreadySettled,

    /// <summary>The batch's sequence is not exactly the next one.</summary>
    SequenceMismatch,

    /// <summary>The batch's previous hash is not the hash of the newest settled batch.</summary>
    PreviousHashMismatch,

    /// <summary>The deposit cursor names a deposit that does not exist yet.</summary>
    DepositCursorAhead,

    /// <summary>The deposit cursor is behind the previous batch's cursor.</summary>
    DepositCursorBehind,

    /// <summary>The deposit cursor's hash is not the running hash at its index.</summary>
    DepositCursorMismatch,

    /// <summary>A withdrawal has a zero token, zero recipient or zero amount.</summary>
    InvalidWithdrawal,

    /// <summary>A withdrawal exceeds what the contract holds of that token.</summary>
    InsufficientCustody,

    /// <summary>Test token: only its issuer may mint.</summary>
    NotMinter,

    /// <summary>Test token: the sender's balance is too small.</summary>
    InsufficientBalance,

    /// <summary>Test token: the spender's allowance is too small.</summary>
    InsufficientAllowance,
}
