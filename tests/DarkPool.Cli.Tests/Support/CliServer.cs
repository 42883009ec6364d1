using DarkPool.Cli.Internal;
using DarkPool.Enclave.Core;
using DarkPool.Enclave.Pipeline;
using DarkPool.Protocol.Accounts;
using DarkPool.Server;

namespace DarkPool.Cli.Tests.Support;

/// <summary>
/// One real server for a test class: <see cref="InProcessServer"/> (simulated enclave, embedded chain, gateway) on a free
/// loopback port with a temporary data folder; traders are key files in that folder, funded by operator deposit records.
/// </summary>
public sealed class CliServer : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("dp-cli-").FullName;
    private InProcessServer? _server;
    private int _traders;

    internal InProcessServer Server => _server ?? throw new InvalidOperationException("not started");

    public string Address => Server.Address;

    public string Folder => _root;

    /// <summary>The options that pin this server's simulated enclave.</summary>
    public string[] Pins => ["--server", Address, "--root", Server.Host.RootCertificatePath, "--measurement", Server.Host.Measurement, "--allow-simulated"];

    public async Task InitializeAsync() => _server = await InProcessServer.StartAsync(Path.Combine(_root, "data"));

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_root, recursive: true);
    }

    /// <summary>A new trader's key file (clear, owner-only), its account, funded with <paramref name="baseUnits"/> of asset 1 and <paramref name="quoteUnits"/> of asset 2.</summary>
    public async Task<(string KeyFile, AccountAddress Account)> TraderAsync(long baseUnits = 0, long quoteUnits = 0)
    {
        string path = Path.Combine(_root, "keys", $"trader{Interlocked.Increment(ref _traders)}.json");
        AccountAddress account = KeyFile.Write(path, KeyFile.NewPrivateKey(), passphrase: null, force: false);
        foreach ((int asset, long amount) in (ValueTuple<int, long>[])[(1, baseUnits), (2, quoteUnits)])
        {
            if (amount > 0)
            {
                EnclaveReply reply = await Server.Host.SubmitOperatorAsync(EnclaveRecords.Deposit(0, account, asset, amount));
                Assert.Equal(ReplyStatus.Done, reply.Status);
            }
        }

        return (path, account);
    }

    /// <summary>The command line with this server's pins and <paramref name="key"/> appended.</summary>
    public string[] Args(string key, params string[] args) => [.. args, .. Pins, "--key", key];
}
