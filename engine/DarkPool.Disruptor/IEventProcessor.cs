namespace DarkPool.Disruptor;

/// <summary>
/// A consumer loop that owns a <see cref="Sequence"/> and runs on one thread; the non-generic face
/// that lets the pipeline start, gate on and halt processors of different handler types together.
/// </summary>
public interface IEventProcessor
{
    /// <summary>The last sequence fully handled; give it to downstream barriers and as a gating sequence.</summary>
    Sequence Sequence { get; }

    /// <summary>Whether the loop is running (between <see cref="Run"/> or <see cref="Start"/> and its exit).</summary>
    bool IsRunning { get; }

    /// <summary>Runs the loop on the calling thread until halted.</summary>
    void Run();

    /// <summary>Runs the loop on a new dedicated background thread.</summary>
    /// <param name="threadName">The thread's name, for debuggers and dumps.</param>
    /// <returns>A task that completes when the loop exits, faulted when it exits with an exception.</returns>
    Task Start(string? threadName = null);

    /// <summary>
    /// Asks the loop to stop after the batch it is handling; returns at once. Events published but not
    /// handled stay in the ring. To drain, stop the producers, wait until <see cref="Sequence"/>
    /// reaches the ring's cursor, then halt.
    /// </summary>
    void Halt();
}
