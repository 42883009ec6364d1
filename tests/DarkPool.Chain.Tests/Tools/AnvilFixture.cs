using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Nethereum.JsonRpc.Client;
using Nethereum.Web3;

namespace DarkPool.Chain.Tests.Tools;

/// <summary>
/// A real anvil node for the test run: the pinned binary, on loopback, on a free port, killed at the end.
/// Test keys are funded with <c>anvil_setBalance</c>, so no well-known development key is used.
/// </summary>
public sealed class AnvilFixture : IAsyncLifetime
{
    private Process? _process;

    public Uri RpcUrl { get; private set; } = new("http://127.0.0.1:0");

    public async Task InitializeAsync()
    {
        NodeTools.EnsureInstalled();
        for (int attempt = 0; attempt < 3 && _process is null; attempt++)
        {
            int port = FreePort();
            var start = new ProcessStartInfo(NodeTools.AnvilPath)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string arg in new[] { "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--accounts", "0", "--quiet" })
            {
                start.ArgumentList.Add(arg);
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException("anvil did not start.");
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            RpcUrl = new Uri($"http://127.0.0.1:{port}");
            if (await AnswersAsync(process).ConfigureAwait(false))
            {
                _process = process;
            }
            else if (process.HasExited)
            {
                // Most likely another process took the port between probe and bind: try another one.
                string reason = await stderr.ConfigureAwait(false);
                if (attempt == 2)
                {
                    throw new InvalidOperationException($"anvil exited with {process.ExitCode}: {reason}");
                }
            }
            else
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException("anvil started but did not answer JSON-RPC within 60 s.");
            }
        }
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Gives <paramref name="address"/> 1000 ether for gas.</summary>
    public async Task FundAsync(EthAddress address)
    {
        var client = new RpcClient(RpcUrl);
        await client.SendRequestAsync(new RpcRequest(1, "anvil_setBalance", address.ToString(), "0x3635c9adc5dea00000")).ConfigureAwait(false);
    }

    private async Task<bool> AnswersAsync(Process process)
    {
        var web3 = new Web3(new RpcClient(RpcUrl));
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited)
        {
            try
            {
                _ = await web3.Eth.ChainId.SendRequestAsync().ConfigureAwait(false);
                return true;
            }
            catch (Exception ex) when (ex is RpcClientUnknownException or HttpRequestException or RpcClientTimeoutException)
            {
                await Task.Delay(50).ConfigureAwait(false);
            }
        }

        return false;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
