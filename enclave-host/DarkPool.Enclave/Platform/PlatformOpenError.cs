namespace DarkPool.Enclave.Platform;

/// <summary>A refused start: the reason and the file concerned.</summary>
/// <param name="Kind">The reason.</param>
/// <param name="Detail">What was wrong, naming the file; never any key material.</param>
public readonly record struct PlatformOpenError(PlatformOpenErrorKind Kind, string Detail);
