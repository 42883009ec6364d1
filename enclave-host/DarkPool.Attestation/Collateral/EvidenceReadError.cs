namespace DarkPool.Attestation.Collateral;

/// <summary>Why an evidence folder cannot be read: the file concerned and what is wrong with it.</summary>
/// <param name="File">quote.bin, root.der or collateral.json.</param>
/// <param name="Detail">What is wrong, for people.</param>
public readonly record struct EvidenceReadError(string File, string Detail)
{
    /// <inheritdoc />
    public override string ToString() => File is null ? string.Empty : $"{File}: {Detail}";
}
