using DarkPool.Attestation.Verification;

namespace DarkPool.Client;

/// <summary>Where the server is and what it must prove, for <see cref="DarkPoolServiceCollectionExtensions.AddDarkPoolClient"/>.</summary>
public sealed class DarkPoolConnectionOptions
{
    /// <summary>The gateway's address, for example <c>http://127.0.0.1:50051</c>.</summary>
    public Uri? Address { get; set; }

    /// <summary>The attestation policy: pinned root, allowed measurements, whether simulation is acceptable.</summary>
    public VerificationPolicy? Policy { get; set; }

    /// <summary>Per-client settings.</summary>
    public DarkPoolClientOptions Client { get; set; } = new();
}
