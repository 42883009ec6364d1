using DarkPool.Protocol.Accounts;

namespace DarkPool.Client;

/// <summary>Opens verified sessions for accounts against the configured server (one channel shared by all of them).</summary>
public interface IDarkPoolClientFactory
{
    /// <summary>Verifies the enclave, then opens a session for <paramref name="account"/>.</summary>
    Task<DarkPoolClient> ConnectAsync(Secp256k1AccountKey account, CancellationToken cancellationToken = default);
}
