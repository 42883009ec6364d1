using DarkPool.Attestation.Identity;

namespace DarkPool.Attestation.Measurement;

/// <summary>One assembly that went into a measurement.</summary>
/// <param name="FileName">File name inside the build output folder, e.g. "DarkPool.Enclave.dll".</param>
/// <param name="Length">File length in bytes.</param>
/// <param name="Digest">SHA-256 of the file's bytes.</param>
public sealed record MeasuredFile(string FileName, long Length, Sha256Hash Digest);
