namespace DarkPool.Enclave.Tests.Support;

/// <summary>
/// What Phala's verifier said: accepted with a TCB status and the report's fields (and whether the quote carries
/// DarkPool's simulation flag), or rejected with an error.
/// </summary>
internal sealed record DcapQvlOutcome(
    bool Ok,
    string? Status,
    IReadOnlyList<string> AdvisoryIds,
    string? MrEnclave,
    string? ReportData,
    string? Error,
    bool Simulated)
{
    public override string ToString() => Ok ? $"accepted, {Status}" : $"rejected: {Error}";
}
