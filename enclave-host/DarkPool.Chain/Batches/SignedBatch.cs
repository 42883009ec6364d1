namespace DarkPool.Chain.Batches;

/// <summary>
/// An encoded batch and the enclave's signature over its hash: what the host stores and posts. The
/// bytes are kept as given (not validated here) so that a repost is byte-for-byte the signed batch.
/// </summary>
public sealed class SignedBatch
{
    /// <summary>Wraps copies of the encoded batch and its 65-byte signature.</summary>
    public SignedBatch(ReadOnlyMemory<byte> encoded, ReadOnlyMemory<byte> signature)
    {
        Encoded = encoded.ToArray();
        Signature = signature.ToArray();
        Hash = BatchDescriptor.Hash(Encoded.Span);
    }

    /// <summary>
    /// Wraps <paramref name="encoded"/> as it is, not copied (<see cref="BatchBuilder"/>'s buffer, a batch file read
    /// whole), with its hash already computed.
    /// </summary>
    internal SignedBatch(ReadOnlyMemory<byte> encoded, byte[] signature, Hash32 hash)
    {
        Encoded = encoded;
        Signature = signature;
        Hash = hash;
    }

    /// <summary>The encoded batch (docs/SETTLEMENT.md).</summary>
    public ReadOnlyMemory<byte> Encoded { get; }

    /// <summary>r | s | v over <see cref="BatchDescriptor.SigningDigest"/> of <see cref="Hash"/>.</summary>
    public ReadOnlyMemory<byte> Signature { get; }

    /// <summary>keccak256 of <see cref="Encoded"/>.</summary>
    public Hash32 Hash { get; }

    /// <summary>Decodes the batch; throws <see cref="BatchFormatException"/> when malformed.</summary>
    /// <remarks>The decoded ciphertext is a slice of <see cref="Encoded"/>, not a copy.</remarks>
    public SettlementBatch Decode() => BatchDescriptor.DecodeInPlace(Encoded);
}
