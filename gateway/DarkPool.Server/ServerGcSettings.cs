namespace DarkPool.Server;

// Design:
// The server's young generation is set, not left to the collector. Server GC sizes it from the CPU's cache, and a
// machine that reports no cache sizes (the 2-vCPU VM the figures in docs/PERFORMANCE.md come from has no
// /sys/devices/system/cpu/cpu0/cache) gets a small one that then follows what survives: once the event logs stopped
// keeping every answer on the heap (EnvelopeRing), little survived, the budget shrank, and the server collected
// ~80 times a minute, each young collection pausing 4-7 ms whatever it found. A 64 MiB young generation took that to
// 26-34 a minute and the p99 at 20,000 orders/s from 11.9-13.2 ms to 6.2-7.9 ms; at 23,000/s (half the maximum) 128 MiB
// did better than 64 (fewer collections, each a burst of slow answers) and 256 MiB worse (PERFORMANCE.md, session 25). The
// runtime reads this setting from the environment only, at start (not from runtimeconfig.json), so `dotnet run` sets it
// from Properties/launchSettings.json, the load generator sets it for the server process it measures, and a
// deployment sets it in the service's environment; the start banner says when it is missing.

/// <summary>The collector setting the server runs with that the runtime takes from the environment only.</summary>
public static class ServerGcSettings
{
    /// <summary>The environment variable that sets the young generation's budget.</summary>
    public const string YoungGenerationVariable = "DOTNET_GCgen0size";

    /// <summary>Its value for the server: 128 MiB (hexadecimal, as the runtime reads it).</summary>
    public const string YoungGenerationValue = "0x8000000";

    /// <summary>Null when this process runs with the server's young generation; otherwise what to tell the operator.</summary>
    public static string? Warning(Func<string, string?>? environment = null)
    {
        string? value = (environment ?? Environment.GetEnvironmentVariable)(YoungGenerationVariable);
        // An empty value is as good as none: the runtime ignores it.
        return !string.IsNullOrEmpty(value)
            ? null
            : $"{YoungGenerationVariable} is not set: the collector's young generation is left to its default, which follows the CPU cache size the machine reports (small when it reports none) and made the server collect three times as often under load; set {YoungGenerationVariable}={YoungGenerationValue} in the server's environment (dotnet run does, from Properties/launchSettings.json; docs/GATEWAY.md)";
    }
}
