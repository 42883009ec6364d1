using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

/// <summary>
/// --alloc-sample: the runtime's allocation-tick events (one per ~100 KB allocated, naming the type that crossed the
/// mark) summed by type over the run, to find what allocates per request, and the collections by generation and the
/// runtime's reason (GCStart: 0 small-object budget, 4 large-object budget, ...). Diagnostics only; off by default.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _largeBytes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _collections = new(StringComparer.Ordinal);
    private volatile bool _on;

    public void Begin() => _on = true;

    public void Print(int top)
    {
        _on = false;
        long total = _bytes.Values.Sum();
        foreach ((string type, long bytes) in _bytes.OrderByDescending(p => p.Value).Take(top))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {100.0 * bytes / Math.Max(1, total),5:F1}%  {type}"));
        }

        // Large-object heap (AllocationKind 1: arrays of 85,000 bytes or more): its budget triggers gen2 collections (reason 4).
        long large = _largeBytes.Values.Sum();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  large-object heap: {large / 1e6:F1} MB sampled ({100.0 * large / Math.Max(1, total):F1}%): ")
            + string.Join(", ", _largeBytes.OrderByDescending(p => p.Value).Take(5).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value / 1e6:F1} MB"))));
        Console.WriteLine("  collections (generation, reason): " + string.Join(", ", _collections.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} x{c.Value}")));
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_on || eventData.EventName is null || eventData.Payload is null)
        {
            return;
        }

        if (eventData.EventName.StartsWith("GCStart", StringComparison.Ordinal))
        {
            int depth = eventData.PayloadNames!.IndexOf("Depth");
            int reason = eventData.PayloadNames.IndexOf("Reason");
            string key = $"gen{(depth >= 0 ? eventData.Payload[depth] : "?")} reason {(reason >= 0 ? eventData.Payload[reason] : "?")}";
            _ = _collections.AddOrUpdate(key, 1, (_, n) => n + 1);
            return;
        }

        if (!eventData.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal))
        {
            return;
        }

        int typeIndex = eventData.PayloadNames!.IndexOf("TypeName");
        int amountIndex = eventData.PayloadNames.IndexOf("AllocationAmount64");
        if (typeIndex < 0)
        {
            return;
        }

        string type = eventData.Payload[typeIndex] as string ?? "?";
        long amount = amountIndex >= 0 ? Convert.ToInt64(eventData.Payload[amountIndex], CultureInfo.InvariantCulture) : 100_000;
        _ = _bytes.AddOrUpdate(type, amount, (_, b) => b + amount);
        int kindIndex = eventData.PayloadNames.IndexOf("AllocationKind");
        if (kindIndex >= 0 && Convert.ToInt32(eventData.Payload[kindIndex], CultureInfo.InvariantCulture) == 1)
        {
            _ = _largeBytes.AddOrUpdate(type, amount, (_, b) => b + amount);
        }
    }
}
