using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace DarkPool.Enclave.Tests.Support;

/// <summary>
/// Phala's @phala/dcap-qvl, pinned in tests/DarkPool.Enclave.Tests/interop/package-lock.json, driven through the
/// auditor's script verify-evidence.js next to it. Installed with <c>npm ci</c> from the lock file when missing or at
/// another version, once per test run; if that fails every interop test fails with the reason (never skips).
/// </summary>
internal static class DcapQvl
{
    public const string PackageName = "@phala/dcap-qvl";

    private static readonly Lazy<string> Installed = new(Install, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string InteropFolder { get; } = FindInteropFolder();

    /// <summary>Runs the auditor's script on one evidence folder at <paramref name="now"/>, pinning root.der or Intel's root.</summary>
    public static DcapQvlOutcome Verify(string evidenceFolder, DateTimeOffset now, bool intelRoot = false)
    {
        string folder = Installed.Value;
        string seconds = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        string[] arguments = intelRoot
            ? ["verify-evidence.js", evidenceFolder, "--time", seconds, "--intel-root"]
            : ["verify-evidence.js", evidenceFolder, "--time", seconds];
        (int code, string stdout, string stderr) = Run("node", arguments, folder, 60_000);
        string? line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).SingleOrDefault();
        if (code is not (0 or 1) || line is null)
        {
            throw new InvalidOperationException($"verify-evidence.js exited with {code}.\n{stdout}\n{stderr}");
        }

        using JsonDocument json = JsonDocument.Parse(line);
        JsonElement root = json.RootElement;
        bool ok = root.GetProperty("ok").GetBoolean();
        Assert.Equal(ok ? 0 : 1, code);
        return ok
            ? new DcapQvlOutcome(
                true,
                root.GetProperty("status").GetString(),
                root.GetProperty("advisory_ids").EnumerateArray().Select(a => a.GetString()!).ToArray(),
                root.GetProperty("mrenclave").GetString(),
                root.GetProperty("report_data").GetString(),
                null,
                root.GetProperty("darkpool_simulated").GetBoolean())
            : new DcapQvlOutcome(false, null, [], null, null, root.GetProperty("error").GetString(), false);
    }

    private static (int Code, string Stdout, string Stderr) Run(string program, IEnumerable<string> arguments, string workingDirectory, int timeoutMs)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutMs))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (-1, stdout.Result, $"{program} did not finish in {timeoutMs} ms.\n{stderr.Result}");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string Install()
    {
        string folder = InteropFolder;
        if (PinnedVersionInstalled(folder))
        {
            return folder;
        }

        // Two test projects use this folder (the audit CLI's tests link this file) and may run at once: one npm ci at a time.
        using FileStream gate = InstallLock();
        if (PinnedVersionInstalled(folder))
        {
            return folder;
        }

        (int code, string stdout, string stderr) result;
        try
        {
            result = Run("npm", ["ci", "--no-audit", "--no-fund"], folder, 300_000);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException(
                $"The interoperability tests need Node.js and npm on PATH to install the pinned {PackageName} (npm ci in {folder}): {ex.Message}", ex);
        }

        if (result.code != 0 || !PinnedVersionInstalled(folder))
        {
            throw new InvalidOperationException(
                $"Installing the pinned {PackageName} failed: `npm ci` in {folder} exited with {result.code} (the npm registry must be reachable).\n"
                + result.stdout + result.stderr);
        }

        return folder;
    }

    private static FileStream InstallLock()
    {
        string path = Path.Combine(Path.GetTempPath(), "darkpool-dcap-qvl-npm-ci.lock");
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 600)
            {
                Thread.Sleep(500);
            }
        }
    }

    private static bool PinnedVersionInstalled(string folder)
    {
        using JsonDocument manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "package.json")));
        string pinned = manifest.RootElement.GetProperty("dependencies").GetProperty(PackageName).GetString()!;
        string installed = Path.Combine(folder, "node_modules", PackageName, "package.json");
        if (!File.Exists(installed))
        {
            return false;
        }

        using JsonDocument package = JsonDocument.Parse(File.ReadAllText(installed));
        return package.RootElement.GetProperty("version").GetString() == pinned;
    }

    private static string FindInteropFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "DarkPool.Enclave.Tests", "interop");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"No tests/DarkPool.Enclave.Tests/interop above {AppContext.BaseDirectory}.");
    }
}
