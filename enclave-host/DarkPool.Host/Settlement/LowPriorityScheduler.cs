using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace DarkPool.Host.Settlement;

/// <summary>
/// A task scheduler with one dedicated thread that runs below normal priority (Linux nice 10; elsewhere the platform's
/// <see cref="ThreadPriority.BelowNormal"/>, best effort). The relay signs settlement batches on it: encrypting an entry
/// for every active account is a burst of CPU (about 0.2 s for 512 accounts on this VM) that would otherwise take a core
/// from the request path for that long. Below normal priority it runs in the time the request path leaves; when the
/// machine is saturated, settlement falls behind (bigger, later batches) rather than order answers.
/// </summary>
public sealed class LowPriorityScheduler : TaskScheduler, IDisposable
{
    /// <summary>The nice value the thread asks for on Linux (0 is normal, 19 the lowest).</summary>
    public const int Nice = 10;

    private readonly BlockingCollection<Task> _queue = [];
    private readonly Thread _thread;

    /// <summary>Starts the thread, named <paramref name="name"/>.</summary>
    public LowPriorityScheduler(string name)
    {
        _thread = new Thread(Run) { IsBackground = true, Name = name, Priority = ThreadPriority.BelowNormal };
        _thread.Start();
    }

    /// <inheritdoc/>
    public override int MaximumConcurrencyLevel => 1;

    /// <summary>True once the thread has lowered its own priority (Linux: its nice value is <see cref="Nice"/>).</summary>
    public bool Lowered { get; private set; }

    /// <summary>Stops the thread after the tasks already queued.</summary>
    public void Dispose()
    {
        _queue.CompleteAdding();
        if (Thread.CurrentThread != _thread)
        {
            _thread.Join();
        }

        _queue.Dispose();
    }

    /// <inheritdoc/>
    protected override void QueueTask(Task task) => _queue.Add(task);

    /// <inheritdoc/>
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        Thread.CurrentThread == _thread && TryExecuteTask(task);

    /// <inheritdoc/>
    protected override IEnumerable<Task> GetScheduledTasks() => [.. _queue];

    private void Run()
    {
        // Thread priorities are not applied by .NET on Linux; a thread is a task there, with a nice value of its own.
        Lowered = OperatingSystem.IsLinux() && SetPriority(0, GetTid(), Nice) == 0;
        foreach (Task task in _queue.GetConsumingEnumerable())
        {
            _ = TryExecuteTask(task);
        }
    }

    [DllImport("libc", EntryPoint = "setpriority")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetPriority(int which, int who, int priority);

    [DllImport("libc", EntryPoint = "gettid")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int GetTid();
}
