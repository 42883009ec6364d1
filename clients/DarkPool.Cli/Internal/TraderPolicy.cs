using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using DarkPool.Attestation.Identity;
using DarkPool.Attestation.Verification;
using DarkPool.CommandLine;

namespace DarkPool.Cli.Internal;

/// <summary>
/// What a trader pins before sending anything (docs/CLI.md, "Attestation policy"): the platform root certificate, the
/// allowed measurements, and whether a SIMULATED enclave is acceptable (never by default). From the command line
/// (<c>--root</c>, <c>--data-folder</c>, <c>--measurement</c>, <c>--allow-simulated</c>) and/or a policy file
/// (<c>--policy</c>, written by <c>attest --save-policy</c>).
/// </summary>
internal sealed record TraderPolicy(string RootPath, IReadOnlyList<Sha256Hash> Measurements, bool AllowSimulation)
{
    /// <summary>The server's root certificate inside its data folder.</summary>
    public const string RootInDataFolder = "platform/root-ca.pem";

    /// <summary>The data folder the server uses by default, relative to where it was started.</summary>
    public const string DefaultDataFolder = "darkpool-data";

    private static readonly string[] Fields = ["root", "mrenclave", "allow_simulation"];

    /// <summary>Combines the options and the policy file; the command line adds to the file's measurements.</summary>
    public static TraderPolicy Resolve(string? root, string? dataFolder, IReadOnlyList<string> measurements, bool allowSimulated, string? policyFile)
    {
        TraderPolicy? file = policyFile is null ? null : Load(policyFile);
        string? rootPath = root ?? (dataFolder is null ? null : Path.Combine(dataFolder, RootInDataFolder)) ?? file?.RootPath;
        if (rootPath is null)
        {
            string fallback = Path.Combine(DefaultDataFolder, RootInDataFolder);
            rootPath = File.Exists(fallback)
                ? fallback
                : throw CommandLineException.Usage(
                    $"no platform root pinned: pass --root FILE, --data-folder DIR (uses DIR/{RootInDataFolder}) or --policy FILE");
        }

        var pinned = new List<Sha256Hash>(file?.Measurements ?? []);
        foreach (string text in measurements)
        {
            pinned.Add(Sha256Hash.TryParse(text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text, out Sha256Hash hash)
                ? hash
                : throw CommandLineException.Usage($"--measurement {text} is not 64 hex digits"));
        }

        return new TraderPolicy(Path.GetFullPath(rootPath), [.. pinned.Distinct()], allowSimulated || file?.AllowSimulation == true);
    }

    /// <summary>The pinned root certificate (PEM or DER).</summary>
    public X509Certificate2 LoadRoot()
    {
        if (!File.Exists(RootPath))
        {
            throw CommandLineException.Failure($"the pinned root certificate {RootPath} does not exist");
        }

        try
        {
            return X509CertificateLoader.LoadCertificateFromFile(RootPath);
        }
        catch (CryptographicException e)
        {
            throw CommandLineException.Failure($"the pinned root certificate {RootPath} does not load: {e.Message}");
        }
    }

    /// <summary>The verifier's policy, with <paramref name="measurements"/> instead of the pinned ones when given.</summary>
    public VerificationPolicy ToVerificationPolicy(X509Certificate2 root, IReadOnlyList<Sha256Hash>? measurements = null) => new()
    {
        PinnedRoot = root,
        QuotingEnclave = AllowSimulation ? QuotingEnclavePolicy.Simulated : QuotingEnclavePolicy.IntelSgx,
        AllowedMeasurements = measurements ?? Measurements,
        AllowSimulation = AllowSimulation,
    };

    /// <summary>Writes this policy as a file a later command reads with <c>--policy</c>.</summary>
    public void Save(string path)
    {
        var document = new JsonObject
        {
            ["root"] = RootPath,
            ["mrenclave"] = new JsonArray([.. Measurements.Select(m => (JsonNode)JsonValue.Create(m.ToString())!)]),
            ["allow_simulation"] = AllowSimulation,
        };
        try
        {
            File.WriteAllText(path, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CommandLineException.Failure($"cannot write the policy file {path}: {e.Message}");
        }
    }

    private static TraderPolicy Load(string path)
    {
        string full = Path.GetFullPath(path);
        JsonObject document;
        try
        {
            document = JsonNode.Parse(File.ReadAllText(full)) as JsonObject ?? throw CommandLineException.Usage($"the policy file {full} is not a JSON object");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CommandLineException.Usage($"cannot read the policy file {full}: {e.Message}");
        }
        catch (JsonException e)
        {
            throw CommandLineException.Usage($"the policy file {full} is not JSON: {e.Message}");
        }

        foreach ((string name, _) in document)
        {
            if (!Fields.Contains(name, StringComparer.Ordinal))
            {
                throw CommandLineException.Usage($"the policy file {full}: unknown field '{name}' (known: {string.Join(", ", Fields)})");
            }
        }

        string root = document["root"] is JsonValue r && r.TryGetValue(out string? text) && text.Length > 0
            ? Path.GetFullPath(text, Path.GetDirectoryName(full)!)
            : throw CommandLineException.Usage($"the policy file {full}: 'root' must name the root certificate file");
        var measurements = new List<Sha256Hash>();
        if (document["mrenclave"] is JsonArray list)
        {
            foreach (JsonNode? item in list)
            {
                measurements.Add(item is JsonValue v && v.TryGetValue(out string? hex) && Sha256Hash.TryParse(hex, out Sha256Hash hash)
                    ? hash
                    : throw CommandLineException.Usage($"the policy file {full}: 'mrenclave' holds {item?.ToJsonString() ?? "null"}, not 64 hex digits"));
            }
        }
        else if (document["mrenclave"] is not null)
        {
            throw CommandLineException.Usage($"the policy file {full}: 'mrenclave' must be an array");
        }

        bool allow = document["allow_simulation"] switch
        {
            null => false,
            JsonValue b when b.TryGetValue(out bool flag) => flag,
            _ => throw CommandLineException.Usage($"the policy file {full}: 'allow_simulation' must be true or false"),
        };
        return new TraderPolicy(root, measurements, allow);
    }
}
