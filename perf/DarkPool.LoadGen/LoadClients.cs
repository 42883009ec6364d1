using System.Security.Cryptography;
using DarkPool.Gateway.V1;
using DarkPool.Protocol.Accounts;
using DarkPool.Protocol.Client;
using Google.Protobuf;
using Grpc.Net.Client;

/// <summary>What both loads (unary and market makers) do on the client side before measuring: channels and sessions.</summary>
internal static class LoadClients
{
    /// <summary><paramref name="connections"/> HTTP/2 channels to the server at <paramref name="address"/>.</summary>
    public static GrpcChannel[] Channels(string address, int connections) => [.. Enumerable.Range(0, connections).Select(_ => GrpcChannel.ForAddress(address, new GrpcChannelOptions
    {
        HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan },
    }))];

    /// <summary>
    /// Fetches the evidence, opens a session for the account (a fresh key, or <paramref name="privateKey"/>), and funds it
    /// when <paramref name="fund"/> is given (the server side funds the accounts of a generator process itself).
    /// </summary>
    public static async Task<ClientSession> OpenSessionAsync(GrpcChannel channel, Func<AccountAddress, Task>? fund, byte[]? privateKey)
    {
        Evidence evidence = await new DarkPool.Gateway.V1.Attestation.AttestationClient(channel)
            .GetEvidenceAsync(new GetEvidenceRequest { Nonce = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(32)) }).ConfigureAwait(false);
        using Secp256k1AccountKey account = privateKey is null ? Secp256k1AccountKey.Generate() : Secp256k1AccountKey.FromPrivateKey(privateKey);
        ClientSession session = ClientSession.Create(evidence.KeyAgreementPublicKey.Span, SHA256.HashData(evidence.Quote.Span), account,
            DateTimeOffset.UtcNow.AddMinutes(9).ToUnixTimeMilliseconds());
        _ = await new Sessions.SessionsClient(channel).OpenAsync(new OpenSessionRequest { Handshake = ByteString.CopyFrom(session.HandshakeMessage) }).ConfigureAwait(false);
        if (fund is not null)
        {
            await fund(session.Account).ConfigureAwait(false);
        }

        return session;
    }

    /// <summary>
    /// The body of a generator process: the funded accounts' keys from <c>--keys</c>, channels to the server, then
    /// <paramref name="run"/> with a window callback that writes the markers the server side reads.
    /// </summary>
    public static async Task<int> RunGeneratorAsync(string address, Dictionary<string, string> options, int connections, Func<GrpcChannel[], byte[][], Action<string>, Task> run)
    {
        byte[][] keys = [.. File.ReadAllLines(options["keys"]).Select(Convert.FromHexString)];
        await run(Channels(address, connections), keys, line =>
        {
            Console.WriteLine(line);
            Console.Out.Flush();
        }).ConfigureAwait(false);
        return 0;
    }
}
