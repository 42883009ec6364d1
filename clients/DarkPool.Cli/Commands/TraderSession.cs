using DarkPool.Client;
using DarkPool.Protocol.Accounts;
using Grpc.Net.Client;

namespace DarkPool.Cli.Commands;

/// <summary>An open, attested session and what it holds; disposed at the end of a command.</summary>
internal sealed class TraderSession(GrpcChannel channel, Secp256k1AccountKey account, DarkPoolClient client) : IAsyncDisposable
{
    public DarkPoolClient Client { get; } = client;

    public AccountAddress Account => account.Address;

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync().ConfigureAwait(false);
        channel.Dispose();
        account.Dispose();
    }
}
