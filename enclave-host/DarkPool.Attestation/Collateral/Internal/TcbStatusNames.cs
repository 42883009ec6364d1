namespace DarkPool.Attestation.Collateral.Internal;

/// <summary>Intel's status strings, parsed strictly: exact case, no numbers, nothing unknown.</summary>
internal static class TcbStatusNames
{
    public static string ToName(TcbStatus status) => status switch
    {
        TcbStatus.UpToDate => "UpToDate",
        TcbStatus.SWHardeningNeeded => "SWHardeningNeeded",
        TcbStatus.ConfigurationNeeded => "ConfigurationNeeded",
        TcbStatus.ConfigurationAndSWHardeningNeeded => "ConfigurationAndSWHardeningNeeded",
        TcbStatus.OutOfDate => "OutOfDate",
        TcbStatus.OutOfDateConfigurationNeeded => "OutOfDateConfigurationNeeded",
        TcbStatus.Revoked => "Revoked",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a TCB status."),
    };

    public static bool TryParse(string? name, out TcbStatus status)
    {
        TcbStatus? parsed = name switch
        {
            "UpToDate" => TcbStatus.UpToDate,
            "SWHardeningNeeded" => TcbStatus.SWHardeningNeeded,
            "ConfigurationNeeded" => TcbStatus.ConfigurationNeeded,
            "ConfigurationAndSWHardeningNeeded" => TcbStatus.ConfigurationAndSWHardeningNeeded,
            "OutOfDate" => TcbStatus.OutOfDate,
            "OutOfDateConfigurationNeeded" => TcbStatus.OutOfDateConfigurationNeeded,
            "Revoked" => TcbStatus.Revoked,
            _ => null,
        };
        status = parsed.GetValueOrDefault();
        return parsed.HasValue;
    }
}
