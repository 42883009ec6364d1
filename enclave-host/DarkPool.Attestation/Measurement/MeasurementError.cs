namespace DarkPool.Attestation.Measurement;

/// <summary>A failed measurement: what went wrong and with which file.</summary>
/// <param name="Kind">The reason.</param>
/// <param name="Detail">The file or reference concerned, for people.</param>
public readonly record struct MeasurementError(MeasurementErrorKind Kind, string Detail);
