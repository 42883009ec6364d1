namespace DarkPool.Attestation.Quotes;

/// <summary>
/// The u32 at quote offset 44 (the last four bytes of the header's user data). Hardware quotes carry zero; any bit
/// not named here makes the quote malformed.
/// </summary>
[Flags]
public enum PlatformFlags : uint
{
    /// <summary>A hardware platform.</summary>
    None = 0,

    /// <summary>The simulated platform: no isolation, a test root. Rejected unless the policy allows simulation.</summary>
    Simulated = 1,
}
