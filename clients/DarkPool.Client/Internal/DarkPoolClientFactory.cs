using DarkPool.Protocol.Accounts;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;

namespace DarkPool.Client.Internal;

/// <summary>The registered factory: one gRPC channel, a policy, and a session per account.</summary>
internal sealed class DarkPoolClientFactory : IDarkPoolClientFactory, IDisposable
{
    private readonly DarkPoolConnectionOptions _options;
    private readonly Lazy<GrpcChannel> _channel;

    public DarkPoolClientFactory(IOptions<DarkPoolConnectionOptions> options)
    {
        _options = options.Value;
        _channel = new Lazy<GrpcChannel>(() => GrpcChannel.ForAddress(_options.Address!));
    }

    public Task<DarkPoolClient> ConnectAsync(Secp256k1AccountKey account, CancellationToken cancellationToken = default) =>
        DarkPoolClient.ConnectAsync(_channel.Value, account, _options.Policy!, _options.Client, cancellationToken);

    public void Dispose()
    {
        if (_channel.IsValueCreated)
        {
            _channel.Value.Dispose();
        }
    }
}
