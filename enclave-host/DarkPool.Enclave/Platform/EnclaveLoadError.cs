namespace DarkPool.Enclave.Platform;

/// <summary>A refused load: the reason, and what was found.</summary>
/// <param name="Kind">The reason.</param>
/// <param name="Detail">The measurement, manifest error or file concerned.</param>
public readonly record struct EnclaveLoadError(EnclaveLoadErrorKind Kind, string Detail);
