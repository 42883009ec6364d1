using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using DarkPool.Attestation.Collateral;
using DarkPool.Attestation.Identity;
using DarkPool.Attestation.Verification;
using DarkPool.CommandLine;

namespace DarkPool.Audit.Internal;

/// <summary>
/// A policy file (docs/ATTESTATION.md §7, "The policy file"): what the auditor accepts. Turned into the verifier's
/// <see cref="VerificationPolicy"/>; the one rule the verifier has no place for, a minimum ISVSVN without a signer, is
/// applied by <see cref="CheckReport"/> to the authenticated report.
/// </summary>
internal sealed record AuditPolicy
{
    public const string MrEnclaveField = "mrenclave";
    public const string MrSignerField = "mrsigner";
    public const string ProductIdField = "isv_prod_id";
    public const string MinimumSecurityVersionField = "min_isv_svn";
    public const string AllowDebugField = "allow_debug";
    public const string AllowSimulationField = "allow_simulation";
    public const string AcceptedTcbStatusesField = "accepted_tcb_statuses";
    public const string QuotingEnclaveField = "quoting_enclave";

    private static readonly string[] Fields =
    [
        MrEnclaveField, MrSignerField, ProductIdField, MinimumSecurityVersionField, AllowDebugField, AllowSimulationField,
        AcceptedTcbStatusesField, QuotingEnclaveField,
    ];

    public required IReadOnlyList<Sha256Hash> Measurements { get; init; }

    public Sha256Hash? MrSigner { get; init; }

    public ushort ProductId { get; init; }

    public ushort MinimumSecurityVersion { get; init; }

    public bool AllowDebug { get; init; }

    public bool AllowSimulation { get; init; }

    public required IReadOnlyList<TcbStatus> AcceptedTcbStatuses { get; init; }

    public QuotingEnclaveChoice QuotingEnclave { get; init; }

    /// <summary>The verifier's policy, pinning <paramref name="root"/>; collateral is always required.</summary>
    public VerificationPolicy ToVerificationPolicy(X509Certificate2 root) => new()
    {
        PinnedRoot = root,
        QuotingEnclave = QuotingEnclave == QuotingEnclaveChoice.Simulated ? QuotingEnclavePolicy.Simulated : QuotingEnclavePolicy.IntelSgx,
        AllowedMeasurements = Measurements,
        Signer = MrSigner is { } signer ? new SignerPolicy(signer, ProductId, MinimumSecurityVersion) : null,
        AllowDebug = AllowDebug,
        AllowSimulation = AllowSimulation,
        AcceptedTcbStatuses = AcceptedTcbStatuses,
        RequireCollateral = true,
    };

    /// <summary>Reads and checks a policy file; any problem is a failure naming the file and the field.</summary>
    public static AuditPolicy Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CommandLineException.Failure($"cannot read the policy file {path}: {e.Message}");
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return Parse(document.RootElement);
        }
        catch (JsonException e)
        {
            throw CommandLineException.Failure($"the policy file {path} is not JSON: {e.Message}");
        }
        catch (FormatException e)
        {
            throw CommandLineException.Failure($"the policy file {path}: {e.Message}");
        }
    }

    private static AuditPolicy Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("not a JSON object");
        }

        foreach (JsonProperty property in root.EnumerateObject())
        {
            if (!Fields.Contains(property.Name, StringComparer.Ordinal))
            {
                throw new FormatException($"unknown field '{property.Name}' (known: {string.Join(", ", Fields)})");
            }
        }

        Sha256Hash[] measurements = root.TryGetProperty(MrEnclaveField, out JsonElement list)
            ? [.. Array(list, MrEnclaveField).Select(e => Hash(e, MrEnclaveField))]
            : [];
        Sha256Hash? signer = root.TryGetProperty(MrSignerField, out JsonElement s) ? Hash(s, MrSignerField) : null;
        bool hasProduct = root.TryGetProperty(ProductIdField, out JsonElement product);
        if (signer is not null && !hasProduct)
        {
            throw new FormatException($"'{MrSignerField}' needs '{ProductIdField}' (a signer signs several products)");
        }

        if (signer is null && measurements.Length == 0)
        {
            throw new FormatException($"the policy allows no enclave: list measurements in '{MrEnclaveField}', name a signer in '{MrSignerField}', or both");
        }

        bool allowSimulation = Flag(root, AllowSimulationField);
        TcbStatus[] statuses = root.TryGetProperty(AcceptedTcbStatusesField, out JsonElement tcb)
            ? [.. Array(tcb, AcceptedTcbStatusesField).Select(Status)]
            : [TcbStatus.UpToDate];
        if (statuses.Length == 0)
        {
            throw new FormatException($"'{AcceptedTcbStatusesField}' is empty: no quote could pass");
        }

        return new AuditPolicy
        {
            Measurements = measurements,
            MrSigner = signer,
            ProductId = hasProduct ? UInt16(product, ProductIdField) : (ushort)0,
            MinimumSecurityVersion = root.TryGetProperty(MinimumSecurityVersionField, out JsonElement svn) ? UInt16(svn, MinimumSecurityVersionField) : (ushort)0,
            AllowDebug = Flag(root, AllowDebugField),
            AllowSimulation = allowSimulation,
            AcceptedTcbStatuses = statuses,
            QuotingEnclave = root.TryGetProperty(QuotingEnclaveField, out JsonElement qe) ? Choice(qe)
                : allowSimulation ? QuotingEnclaveChoice.Simulated : QuotingEnclaveChoice.Intel,
        };
    }

    private static JsonElement.ArrayEnumerator Array(JsonElement element, string field) =>
        element.ValueKind == JsonValueKind.Array ? element.EnumerateArray() : throw new FormatException($"'{field}' is not an array");

    private static Sha256Hash Hash(JsonElement element, string field) =>
        element.ValueKind == JsonValueKind.String && Sha256Hash.TryParse(element.GetString(), out Sha256Hash hash)
            ? hash
            : throw new FormatException($"'{field}': {element.GetRawText()} is not 64 hex digits");

    private static ushort UInt16(JsonElement element, string field) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetUInt16(out ushort value)
            ? value
            : throw new FormatException($"'{field}': {element.GetRawText()} is not an integer from 0 to 65535");

    private static bool Flag(JsonElement root, string field) =>
        !root.TryGetProperty(field, out JsonElement element) ? false
            : element.ValueKind is JsonValueKind.True or JsonValueKind.False ? element.GetBoolean()
            : throw new FormatException($"'{field}': {element.GetRawText()} is not true or false");

    private static TcbStatus Status(JsonElement element)
    {
        string? name = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        if (name is null || !Enum.GetNames<TcbStatus>().Contains(name, StringComparer.Ordinal))
        {
            throw new FormatException($"'{AcceptedTcbStatusesField}': {element.GetRawText()} is not a TCB status ({string.Join(", ", Enum.GetNames<TcbStatus>())})");
        }

        TcbStatus status = Enum.Parse<TcbStatus>(name);
        return status != TcbStatus.Revoked ? status : throw new FormatException($"'{AcceptedTcbStatusesField}': no policy accepts a Revoked TCB");
    }

    private static QuotingEnclaveChoice Choice(JsonElement element) => element.ValueKind == JsonValueKind.String ? element.GetString() switch
    {
        "intel" => QuotingEnclaveChoice.Intel,
        "simulated" => QuotingEnclaveChoice.Simulated,
        _ => throw new FormatException($"'{QuotingEnclaveField}': {element.GetRawText()} is not \"intel\" or \"simulated\""),
    }
        : throw new FormatException($"'{QuotingEnclaveField}': {element.GetRawText()} is not \"intel\" or \"simulated\"");
}
