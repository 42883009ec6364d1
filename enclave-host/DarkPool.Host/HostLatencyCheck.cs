namespace DarkPool.Host;

// Design:
// The p99 of the whole server on the 2-vCPU AMD EPYC Firecracker VM (PVM-paravirtualised kernel) was set not by the
// server but by the kernel's DAMON monitor that the VM image runs for proactive reclaim (a "pageout" scheme on
// physical addresses, sampling every 0.5 s): each sampling round clears the accessed bit of up to thousands of mapped
// pages (ptep_test_and_clear_young through the reverse map), which under that hypervisor's shadow paging took 20-25 ms
// of kernel time and stalled both vCPUs for 10-15 ms every ~0.54 s (a C sleep loop beside the load saw it; the load's
// slow answers came in exactly those 10 ms windows, every answer in them slow). With the monitor paused the unary p99
// at 14,700/s went from 25-45 ms to 5.2 ms (docs/PERFORMANCE.md, "The VM's page-access monitor"). It is the host's
// configuration, not the server's, so the server does not change it: it says so at start, and the load generator
// prints it with every measurement. A matching host should run no page-aging scanner (DAMON, idle page tracking),
// as it runs no swap.

/// <summary>What about the host machine is known to stall a latency-sensitive server (read from /sys; never changed).</summary>
public static class HostLatencyCheck
{
    /// <summary>
    /// The findings for the machine whose sysfs is mounted at <paramref name="sysRoot"/> (default "/sys"): one line per
    /// running kernel DAMON monitor. Empty when there is none, or when sysfs cannot be read (not Linux, no permission).
    /// </summary>
    public static IReadOnlyList<string> Findings(string sysRoot = "/sys")
    {
        var findings = new List<string>();
        string kdamonds = Path.Combine(sysRoot, "kernel", "mm", "damon", "admin", "kdamonds");
        try
        {
            if (!Directory.Exists(kdamonds))
            {
                return findings;
            }

            foreach (string monitor in Directory.EnumerateDirectories(kdamonds).OrderBy(MonitorNumber).ThenBy(d => d, StringComparer.Ordinal))
            {
                string state = Path.Combine(monitor, "state");
                if (File.Exists(state) && File.ReadAllText(state).Trim() == "on")
                {
                    findings.Add($"kernel DAMON monitor {Path.GetFileName(monitor)} is running ({state}): its page-access sampling stalls the CPUs for milliseconds every sampling interval on some hypervisors; a matching host should not run it (docs/PERFORMANCE.md)");
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unreadable sysfs: nothing known, nothing reported.
        }

        return findings;
    }

    // kdamonds are numbered 0, 1, ... 10: in number order, not text order; anything else after them.
    private static long MonitorNumber(string folder) =>
        long.TryParse(Path.GetFileName(folder), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long n) ? n : long.MaxValue;
}
