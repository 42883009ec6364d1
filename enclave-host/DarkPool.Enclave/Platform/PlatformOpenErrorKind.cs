namespace DarkPool.Enclave.Platform;

/// <summary>Why the simulated platform refuses to start on a data folder.</summary>
public enum PlatformOpenErrorKind
{
    /// <summary>Opened.</summary>
    None = 0,

    /// <summary>The platform secret exists but another state file is missing.</summary>
    IncompleteState,

    /// <summary>A state file is unreadable, fails its authentication code, or does not match the others.</summary>
    CorruptState,
}
