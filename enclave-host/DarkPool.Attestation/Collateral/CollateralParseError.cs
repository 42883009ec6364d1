namespace DarkPool.Attestation.Collateral;

/// <summary>Why a <c>collateral.json</c> does not parse: the field concerned and what is wrong with it.</summary>
/// <param name="Field">The JSON field name, or empty when the document itself is not a JSON object.</param>
/// <param name="Detail">What is wrong, for people.</param>
public readonly record struct CollateralParseError(string Field, string Detail)
{
    /// <inheritdoc />
    public override string ToString() => string.IsNullOrEmpty(Field) ? Detail ?? string.Empty : $"{Field}: {Detail}";
}
