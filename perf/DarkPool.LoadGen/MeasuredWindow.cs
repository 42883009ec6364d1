using System.Diagnostics;
using System.Globalization;

/// <summary>
/// What the whole process (server and generator together, as they share the machine) spent over the measured window:
/// CPU time per answer, context switches per answer, and the garbage collections with their total pause. The window
/// opens at the measured start and closes when <see cref="Report"/> is called.
/// </summary>
internal sealed class MeasuredWindow : IDisposable
{
    private readonly Thread? _opener;
    private Sample _from;

    private MeasuredWindow(Sample from) => _from = from;

    private MeasuredWindow(long measureFrom, Action? opened)
    {
        _opener = new Thread(() =>
        {
            while (Stopwatch.GetTimestamp() < measureFrom)
            {
                Thread.Sleep(5);
            }

            _from = Sample.Now();
            opened?.Invoke();
        }) { IsBackground = true, Name = "loadgen-window" };
        _opener.Start();
    }

    /// <summary>Opens at <paramref name="measureFrom"/> (a <see cref="Stopwatch"/> timestamp), then calls <paramref name="opened"/>.</summary>
    public static MeasuredWindow Start(long measureFrom, Action? opened = null) => new(measureFrom, opened);

    /// <summary>Opens now.</summary>
    public static MeasuredWindow OpenNow() => new(Sample.Now());

    public void Report(long answers, string who = "process")
    {
        _opener?.Join();
        Sample to = Sample.Now();
        double n = Math.Max(1, answers);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{who} over the measured window: {(to.Cpu - _from.Cpu).TotalMicroseconds / n:F1} us CPU per answer, {(to.Switches - _from.Switches) / n:F2} context switches per answer, GCs (all/gen1+/gen2) {to.Gen0 - _from.Gen0}/{to.Gen1 - _from.Gen1}/{to.Gen2 - _from.Gen2}, GC pause {(to.Pause - _from.Pause).TotalMilliseconds:F0} ms, {(to.Allocated - _from.Allocated) / n:F0} B allocated per answer"));
    }

    public void Dispose() => _opener?.Join();

    private readonly record struct Sample(TimeSpan Cpu, long Switches, int Gen0, int Gen1, int Gen2, TimeSpan Pause, long Allocated)
    {
        public static Sample Now() => new(
            Process.GetCurrentProcess().TotalProcessorTime, ContextSwitches(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(),
            GC.GetTotalAllocatedBytes(precise: true));

        /// <summary>Voluntary and involuntary switches of the process's live threads (Linux /proc; 0 elsewhere).</summary>
        private static long ContextSwitches()
        {
            long total = 0;
            try
            {
                foreach (string task in Directory.EnumerateDirectories("/proc/self/task"))
                {
                    foreach (string line in File.ReadLines(Path.Combine(task, "status")))
                    {
                        if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal) || line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                        {
                            total += long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim(), CultureInfo.InvariantCulture);
                        }
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or DirectoryNotFoundException)
            {
                return 0;
            }

            return total;
        }
    }
}
