using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using DarkPool.Gateway.V1;
using DarkPool.Protocol.Accounts;
using DarkPool.Protocol.Client;
using Google.Protobuf;
using Grpc.Net.Client;

/// <summary>
/// What both loads (unary and market makers) share: channels, funded sessions, and running the generator in a child
/// process (<c>--generator process</c>) with the server side reporting over the same measured window.
/// </summary>
internal static class LoadClients
{
    /// <summary>What a generator process prints when its measured window opens, and (with the answers counted) closes.</summary>
    public const string WindowOpened = "##window-opened";

    /// <summary>Followed by the number of answers counted in the window.</summary>
    public const string WindowClosed = "##window-closed ";

    /// <summary>
    /// An on/off option (<c>--timeline 1</c>, <c>--alloc-sample 1</c>): on when given with any value but 0 (before, any
    /// value turned it on, so <c>--timeline 0</c> did too).
    /// </summary>
    public static bool Flag(Dictionary<string, string> options, string name) =>
        options.TryGetValue(name, out string? value) && value != "0";

    /// <summary>True with <c>--client lean</c>: the unary loads go through <see cref="LeanGrpcConnection"/> instead of grpc-dotnet's client.</summary>
    public static bool Lean(Dictionary<string, string> options) => options.GetValueOrDefault("client", "grpc") switch
    {
        "grpc" => false,
        "lean" => true,
        string other => throw new ArgumentException($"--client is grpc or lean, not {other}."),
    };

    /// <summary>A <see cref="LeanGrpcConnection"/> to the server of each channel (the same address, one connection each).</summary>
    public static Task<LeanGrpcConnection[]> LeanConnectionsAsync(GrpcChannel[] channels) =>
        Task.WhenAll(channels.Select(c => LeanGrpcConnection.ConnectAsync(new Uri("http://" + c.Target))));

    /// <summary><paramref name="connections"/> HTTP/2 channels to the server at <paramref name="address"/>.</summary>
    public static GrpcChannel[] Channels(string address, int connections) => [.. Enumerable.Range(0, connections).Select(_ => GrpcChannel.ForAddress(address, new GrpcChannelOptions
    {
        HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan },
    }))];

    /// <summary>
    /// Fetches the evidence, funds the account (a fresh key, or <paramref name="privateKey"/>) when <paramref name="fund"/>
    /// is given, then opens a session for it (the server side funds the accounts of a generator process itself).
    /// </summary>
    public static async Task<ClientSession> OpenSessionAsync(GrpcChannel channel, Func<AccountAddress, Task>? fund, byte[]? privateKey)
    {
        Evidence evidence = await new DarkPool.Gateway.V1.Attestation.AttestationClient(channel)
            .GetEvidenceAsync(new GetEvidenceRequest { Nonce = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(32)) }).ConfigureAwait(false);
        using Secp256k1AccountKey account = privateKey is null ? Secp256k1AccountKey.Generate() : Secp256k1AccountKey.FromPrivateKey(privateKey);
        ClientSession session = ClientSession.Create(evidence.KeyAgreementPublicKey.Span, SHA256.HashData(evidence.Quote.Span), account,
            DateTimeOffset.UtcNow.AddMinutes(9).ToUnixTimeMilliseconds());
        if (fund is not null)
        {
            // Before the session opens, so the deposits' balance events do not go to it: a market maker's stream answers
            // are then its session's whole response sequence, and the load opens and checks them.
            await fund(session.Account).ConfigureAwait(false);
        }

        _ = await new Sessions.SessionsClient(channel).OpenAsync(new OpenSessionRequest { Handshake = ByteString.CopyFrom(session.HandshakeMessage) }).ConfigureAwait(false);

        return session;
    }

    /// <summary>
    /// The body of a generator process: the funded accounts' keys from <c>--keys</c>, channels to the server, then
    /// <paramref name="run"/> with a window callback that writes the markers the server side reads.
    /// </summary>
    public static async Task<int> RunGeneratorAsync(string address, Dictionary<string, string> options, int connections, Func<GrpcChannel[], byte[][], Action<string>, Task> run)
    {
        byte[][] keys = options.TryGetValue("keys", out string? keyFile) ? [.. File.ReadAllLines(keyFile).Select(Convert.FromHexString)] : [];
        await run(Channels(address, connections), keys, line =>
        {
            Console.WriteLine(line);
            Console.Out.Flush();
        }).ConfigureAwait(false);
        return 0;
    }

    /// <summary>How to start this program again: the same executable, and the program's assembly when that is <c>dotnet</c>.</summary>
    public static ProcessStartInfo ThisProgram()
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            start.ArgumentList.Add(typeof(LoadClients).Assembly.Location);
        }

        return start;
    }

    /// <summary>
    /// The server side of <c>--generator process</c>: funds fresh accounts, starts this program again as the generator
    /// (<c>--generator-of</c>) with their keys, passes its output through, and reports the server process's own costs
    /// over the generator's measured window. Without <paramref name="fund"/> (the echo loads) no accounts are made.
    /// </summary>
    public static async Task RunInChildProcessAsync(Func<byte[], AccountAddress, Task>? fund, string address, string root, Dictionary<string, string> options, int sessions, ServerTimeline? timeline = null, AllocationSampler? serverAllocations = null)
    {
        string? keyFile = null;
        if (fund is not null)
        {
            var keys = new List<string>(sessions);
            for (int s = 0; s < sessions; s++)
            {
                byte[] privateKey = RandomNumberGenerator.GetBytes(32);
                using Secp256k1AccountKey account = Secp256k1AccountKey.FromPrivateKey(privateKey);
                await fund(privateKey, account.Address).ConfigureAwait(false);
                keys.Add(Convert.ToHexString(privateKey));
            }

            // Throwaway accounts of this run, next to its journal; deleted when the child has read them.
            keyFile = Path.Combine(root, "loadgen-accounts.txt");
            await File.WriteAllLinesAsync(keyFile, keys).ConfigureAwait(false);
        }
        ProcessStartInfo start = ThisProgram();
        start.RedirectStandardOutput = true;

        // The generator's HTTP/2 client allocates about 20 KB per call; with the default gen0 budget its process collected
        // ten times a second or more, each collection a pause in sending. A 128 MB gen0 budget (the generator only; the
        // server runs with its own setting, ServerGcSettings, which this process inherited) cut that to about two a second.
        start.Environment["DOTNET_GCgen0size"] = "0x8000000";

        // --generator-gc workstation|server (default server): the generator process's collector only.
        if (options.GetValueOrDefault("generator-gc") == "workstation")
        {
            start.Environment["DOTNET_gcServer"] = "0";
        }

        foreach (string arg in keyFile is null ? (string[])["--generator-of", address] : ["--generator-of", address, "--keys", keyFile])
        {
            start.ArgumentList.Add(arg);
        }

        // Everything but the server's own options (its data folder, its event logs, the streams' common budget).
        foreach ((string name, string value) in options.Where(o => o.Key is not ("data" or "generator" or "generator-gc" or "server-gc" or "events-per-session" or "stream-total")))
        {
            start.ArgumentList.Add("--" + name);
            start.ArgumentList.Add(value);
        }

        using Process child = Process.Start(start)!;
        MeasuredWindow? server = null;
        while (await child.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (line == WindowOpened)
            {
                server = MeasuredWindow.OpenNow();
                timeline?.Start();
                serverAllocations?.Begin();
            }
            else if (line.StartsWith(WindowClosed, StringComparison.Ordinal) && server is not null)
            {
                server.Report(long.Parse(line.AsSpan(WindowClosed.Length), CultureInfo.InvariantCulture), "server process");
                server.Dispose();
                timeline?.StopAndPrint();
                if (serverAllocations is not null)
                {
                    Console.WriteLine("server process allocations and collections:");
                    serverAllocations.Print(25);
                }
            }
            else
            {
                Console.WriteLine(line);
            }
        }

        await child.WaitForExitAsync().ConfigureAwait(false);
        if (keyFile is not null)
        {
            File.Delete(keyFile);
        }

        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"The generator process exited with code {child.ExitCode}.");
        }
    }
}
