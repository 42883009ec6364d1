using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace DarkPool.Server;

/// <summary>
/// anvil from the pinned npm package, started by the server on loopback (Chain:StartAnvil=true) with its state dumped
/// to and loaded from the data folder, and stopped with the server.
/// </summary>
internal sealed class AnvilProcess : IDisposable
{
    private readonly Process _process;

    private AnvilProcess(Process process, Uri rpcUrl)
    {
        _process = process;
        RpcUrl = rpcUrl;
    }

    public Uri RpcUrl { get; }

    public static async Task<AnvilProcess> StartAsync(string anvilPath, string stateFile, CancellationToken cancellationToken)
    {
        string path = anvilPath.Length > 0 ? anvilPath : FindPinned() ?? await InstallPinnedAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException(
                "anvil was not found: run 'npm ci' in enclave-host/DarkPool.Chain/contracts, or set Chain:AnvilPath.");
        int port = FreePort();
        var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[] { "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--accounts", "0", "--quiet", "--state", stateFile })
        {
            start.ArgumentList.Add(arg);
        }

        Process process = Process.Start(start) ?? throw new InvalidOperationException($"{path} did not start.");
        _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
        _ = process.StandardError.ReadToEndAsync(cancellationToken);
        var anvil = new AnvilProcess(process, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"anvil exited with code {process.ExitCode} at start.");
            }

            try
            {
                using var body = new StringContent("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}", System.Text.Encoding.UTF8, "application/json");
                using HttpResponseMessage answer = await http.PostAsync(anvil.RpcUrl, body, cancellationToken).ConfigureAwait(false);
                if (answer.IsSuccessStatusCode)
                {
                    return anvil;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        anvil.Dispose();
        throw new InvalidOperationException("anvil did not answer JSON-RPC within 60 s.");
    }

    /// <summary>Stops anvil with SIGTERM-like kill; its state was dumped on every block with --state.</summary>
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    /// <summary>
    /// Chain:StartAnvil asked for the pinned anvil and it is not installed yet: installs the pinned npm packages from the
    /// repository's lock file (<c>npm ci</c> in enclave-host/DarkPool.Chain/contracts), as the tests do. Null when there is
    /// no such folder above the working directory (a published server: set Chain:AnvilPath).
    /// </summary>
    private static async Task<string?> InstallPinnedAsync(CancellationToken cancellationToken)
    {
        string? contracts = null;
        for (DirectoryInfo? folder = new(Directory.GetCurrentDirectory()); folder is not null && contracts is null; folder = folder.Parent)
        {
            string candidate = Path.Combine(folder.FullName, "enclave-host", "DarkPool.Chain", "contracts");
            if (File.Exists(Path.Combine(candidate, "package-lock.json")))
            {
                contracts = candidate;
            }
        }

        if (contracts is null)
        {
            return null;
        }

        Console.WriteLine($"Installing the pinned anvil: npm ci in {contracts} ...");
        var start = new ProcessStartInfo("npm") { WorkingDirectory = contracts, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[] { "ci", "--no-audit", "--no-fund" })
        {
            start.ArgumentList.Add(arg);
        }

        Process npm;
        try
        {
            npm = Process.Start(start) ?? throw new InvalidOperationException("npm did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"anvil is not installed and npm could not be started to install it ({e.Message}); install Node.js, or set Chain:AnvilPath.", e);
        }

        using (npm)
        {
            Task<string> errors = npm.StandardError.ReadToEndAsync(cancellationToken);
            _ = npm.StandardOutput.ReadToEndAsync(cancellationToken);
            await npm.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (npm.ExitCode != 0)
            {
                string last = (await errors.ConfigureAwait(false)).Trim().Split('\n')[^1];
                throw new InvalidOperationException($"npm ci in {contracts} failed with exit code {npm.ExitCode} (is the npm registry reachable?): {last}");
            }
        }

        return FindPinned();
    }

    private static string? FindPinned()
    {
        for (DirectoryInfo? folder = new(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
        {
            string candidate = Path.Combine(folder.FullName, "enclave-host", "DarkPool.Chain", "contracts", "node_modules", "@foundry-rs", "anvil-linux-amd64", "bin", "anvil");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
