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

    /// <summary>
    /// Another open platform, in this process or another, holds the data folder's lock: two instances would each keep
    /// their own copy of the monotonic counter and could write it backwards. Dispose the other platform first.
    /// </summary>
    InUse,

    /// <summary>
    /// The platform secret is missing from a folder that is not empty. Creating the state anew would replace the test
    /// root and keys and reset the counter and key generation, so the platform refuses: restore the secret, or delete the
    /// folder to start over deliberately.
    /// </summary>
    SecretMissing,
}
