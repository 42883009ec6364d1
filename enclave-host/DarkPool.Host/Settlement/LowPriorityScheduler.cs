using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace DarkPool.Host.Settlement;

/// <summary>
/// A task scheduler with one dedicated thread that runs below the process's priority: on Linux its nice value is the
/// creating thread's plus <see cref="NiceIncrement"/> (at most 19), elsewhere <see cref="ThreadPriority.BelowNormal"/>,
/// best effort. The relay signs settlement batches on it: encrypting an entry for every active account is a burst of
/// CPU (about 0.2 s for 512 accounts on this VM) that would otherwise take a core from the request path for that long.
/// Below the process's priority it runs in the time the request path leaves; when the machine is saturated,
/// settlement falls behind (bigger, later batches), and so does the relay's pass that credits deposits, rather than
/// order answers. Threads started from this thread would inherit its priority; the work run here starts none.
/// </summary>
public sealed class LowPriorityScheduler : TaskScheduler, IDisposable
{
    /// <summary>How many nice steps below the creating thread the thread asks for on Linux.</summary>
    public const int NiceIncrement = 10;

    private const int PrioProcess = 0;
    private const int LowestNice = 19;

    private readonly BlockingCollection<Task> _queue = [];
    private readonly Thread _thread;
    private int _disposed;

    /// <summary>Starts the thread, named <paramref name="name"/>.</summary>
    public LowPriorityScheduler(string name)
    {
        _thread = new Thread(Run) { IsBackground = true, Name = name, Priority = ThreadPriority.BelowNormal };
        _thread.Start();
    }

    /// <inheritdoc/>
    public override int MaximumConcurrencyLevel => 1;

    /// <summary>True once the thread has lowered its own priority (Linux: raised its nice value; false at nice 19 already).</summary>
    public bool Lowered { get; private set; }

    /// <summary>Stops the thread after the tasks already queued (waits for them unless called from that thread).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.CompleteAdding();
        if (Thread.CurrentThread != _thread)
        {
            _thread.Join();
            _queue.Dispose();
        }
    }

    /// <inheritdoc/>
    protected override void QueueTask(Task task) => _queue.Add(task);

    /// <inheritdoc/>
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        Thread.CurrentThread == _thread && TryExecuteTask(task);

    /// <inheritdoc/>
    protected override IEnumerable<Task> GetScheduledTasks() => Volatile.Read(ref _disposed) == 0 ? [.. _queue] : [];

    private void Run()
    {
        Lowered = OperatingSystem.IsLinux() && TryLowerOwnNice();
        foreach (Task task in _queue.GetConsumingEnumerable())
        {
            _ = TryExecuteTask(task);
        }
    }

    // .NET does not apply thread priorities on Linux; there a thread has a nice value of its own, and setpriority with
    // PRIO_PROCESS and who = 0 acts on the calling thread only. Relative to the current value, so that a host already
    // started at a high nice (or with the privilege to lower it) never gets a thread above its other threads.
    private static bool TryLowerOwnNice()
    {
        try
        {
            Marshal.SetLastPInvokeError(0);
            int current = GetPriority(PrioProcess, 0);
            if (current == -1 && Marshal.GetLastPInvokeError() != 0)
            {
                return false;
            }

            int target = Math.Min(LowestNice, current + NiceIncrement);
            return target > current && SetPriority(PrioProcess, 0, target) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "getpriority", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int GetPriority(int which, int who);

    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetPriority(int which, int who, int priority);
}
