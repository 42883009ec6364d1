namespace DarkPool.Enclave.Platform;

/// <summary>Why an enclave build is not given an identity.</summary>
public enum EnclaveLoadErrorKind
{
    /// <summary>Loaded.</summary>
    None = 0,

    /// <summary>The build output could not be measured.</summary>
    MeasurementFailed,

    /// <summary>The manifest is malformed or its signature does not verify.</summary>
    InvalidManifest,

    /// <summary>The manifest was signed for other code than the code measured.</summary>
    MeasurementMismatch,
}
