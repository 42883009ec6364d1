namespace DarkPool.Attestation.Collateral.Internal;

/// <summary>Thrown inside the collateral parsers only; every public entry point catches it and returns an error.</summary>
internal sealed class CollateralFormatException(string message) : Exception(message);
