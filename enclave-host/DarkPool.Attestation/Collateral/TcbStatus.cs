namespace DarkPool.Attestation.Collateral;

/// <summary>
/// The TCB status values of Intel's TCB Info and QE Identity collateral, worst last. The member names are Intel's
/// strings exactly, so <c>ToString()</c> prints what a DCAP verifier prints.
/// </summary>
public enum TcbStatus
{
    /// <summary>The platform is patched for every known issue.</summary>
    UpToDate = 0,

    /// <summary>Patched, but software mitigations are needed for some issues.</summary>
    SWHardeningNeeded,

    /// <summary>Patched, but the platform's configuration (BIOS, hyper-threading) needs changing.</summary>
    ConfigurationNeeded,

    /// <summary>Both of the above.</summary>
    ConfigurationAndSWHardeningNeeded,

    /// <summary>A newer TCB exists and fixes issues this platform is exposed to (see the advisory ids).</summary>
    OutOfDate,

    /// <summary>Out of date, and the configuration needs changing too.</summary>
    OutOfDateConfigurationNeeded,

    /// <summary>The TCB level is revoked: no verifier accepts it.</summary>
    Revoked,
}
