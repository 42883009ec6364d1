extern alias sdk;

using DarkPool.Chain;
using DarkPool.Protocol.Accounts;
using sdk::DarkPool.Client;

namespace DarkPool.Settlement.Tests;

/// <summary>A trader: one secp256k1 key as both the chain key (deposits) and the account key (sessions, entries).</summary>
internal sealed class Trader : IAsyncDisposable
{
    private Trader(ChainKey chainKey, Secp256k1AccountKey accountKey, DarkPoolClient client)
    {
        ChainKey = chainKey;
        AccountKey = accountKey;
        Client = client;
    }

    public ChainKey ChainKey { get; }

    public Secp256k1AccountKey AccountKey { get; }

    public DarkPoolClient Client { get; }

    public EthAddress Address => ChainKey.Address;

    public static async Task<Trader> ConnectAsync(SettlementServer server, ChainKey? key = null)
    {
        key ??= ChainKey.Generate();
        var account = Secp256k1AccountKey.FromPrivateKey(key.ExportPrivateKey());
        DarkPoolClient client = await DarkPoolClient.ConnectAsync(server.Channel, account, server.Policy);
        return new Trader(key, account, client);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        AccountKey.Dispose();
    }
}
