using System.Diagnostics;
using System.Text.Json;

namespace DarkPool.Chain.Tests.Tools;

/// <summary>
/// The pinned npm tools (solc, anvil) under enclave-host/DarkPool.Chain/contracts. Installed with
/// <c>npm ci</c> from the committed lock file when missing or at another version, once per test run;
/// if that fails every test that needs them fails with the reason (never skips).
/// </summary>
internal static class NodeTools
{
    private static readonly Lazy<string> Installed = new(Install, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string ContractsFolder { get; } = FindContractsFolder();

    public static string AnvilPath => Path.Combine(ContractsFolder, "node_modules", "@foundry-rs", "anvil-linux-amd64", "bin", "anvil");

    /// <summary>Installs when needed; returns the contracts folder.</summary>
    public static string EnsureInstalled() => Installed.Value;

    /// <summary>Runs a program to completion (bounded), returning its exit code and both streams.</summary>
    public static (int Code, string Output) Run(string program, string arguments, string workingDirectory, int timeoutMs)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using Process process = Process.Start(start)
            ?? throw new InvalidOperationException($"Could not start {program}.");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutMs))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (-1, $"{program} {arguments} did not finish in {timeoutMs} ms.\n{stdout.Result}\n{stderr.Result}");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static string Install()
    {
        string folder = ContractsFolder;

        // Two test projects use this folder (the settlement tests link this file) and a solution run starts them at once:
        // npm ci first deletes node_modules, so one install at a time, and nobody checks or starts anvil during one.
        using FileStream gate = InstallLock();
        if (PinnedVersionsPresent(folder))
        {
            return folder;
        }

        (int code, string output) result;
        try
        {
            result = Run("npm", "ci --no-audit --no-fund", folder, 300_000);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException(
                "The chain tests need Node.js and npm on PATH to install the pinned solc and anvil " +
                $"(npm ci in {folder}): {ex.Message}", ex);
        }

        if (result.code != 0 || !PinnedVersionsPresent(folder))
        {
            throw new InvalidOperationException(
                $"Installing the pinned chain tools failed: `npm ci` in {folder} exited with {result.code}" +
                $" (the npm registry must be reachable).\n{result.output}");
        }

        if (!File.Exists(AnvilPath))
        {
            throw new InvalidOperationException(
                $"anvil is not at {AnvilPath}: the pinned package @foundry-rs/anvil-linux-amd64 only exists for Linux x64.");
        }

        return folder;
    }

    /// <summary>A lock across processes (a file opened without sharing), held while checking and installing.</summary>
    private static FileStream InstallLock()
    {
        string path = Path.Combine(Path.GetTempPath(), "darkpool-chain-tools-npm-ci.lock");
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 1200)
            {
                Thread.Sleep(250);
            }
        }
    }

    /// <summary>Every dependency in package.json is installed at exactly its pinned version, and anvil is there.</summary>
    private static bool PinnedVersionsPresent(string folder)
    {
        using JsonDocument manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "package.json")));
        foreach (string section in new[] { "dependencies", "optionalDependencies" })
        {
            if (!manifest.RootElement.TryGetProperty(section, out JsonElement dependencies))
            {
                continue;
            }

            foreach (JsonProperty dependency in dependencies.EnumerateObject())
            {
                string installed = Path.Combine(folder, "node_modules", dependency.Name, "package.json");
                if (!File.Exists(installed))
                {
                    return false;
                }

                using JsonDocument package = JsonDocument.Parse(File.ReadAllText(installed));
                if (package.RootElement.GetProperty("version").GetString() != dependency.Value.GetString())
                {
                    return false;
                }
            }
        }

        return File.Exists(AnvilPath);
    }

    private static string FindContractsFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "enclave-host", "DarkPool.Chain", "contracts");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"No enclave-host/DarkPool.Chain/contracts above {AppContext.BaseDirectory}.");
    }
}
