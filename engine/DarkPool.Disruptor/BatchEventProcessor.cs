using System.Runtime.CompilerServices;
using DarkPool.Disruptor.Internal;

namespace DarkPool.Disruptor;

// Design:
// One thread runs the loop; it alone writes _sequence (Volatile.Write, once per batch, after the
// handler has finished with every slot of the batch, so downstream stages and producers that read it
// with acquire semantics see the handler's writes and may reuse the slots). _handler is touched only
// by that thread while running. _state is Idle/Running/Halted, changed with Interlocked so that
// Run/Start race safely with Halt from another thread; Halt alerts the barrier, which is what wakes
// and stops the loop. After the loop exits the state returns to Idle and the processor may be run
// again from where its sequence is.
//
// Start/Halt race: Start moves Idle -> Running, then clears any stale alert, then re-alerts if a Halt
// moved Running -> Halted in between, so a Halt issued right after Start is never lost.

/// <summary>
/// Runs an <see cref="IEventHandler{T}"/> over a ring: waits on its barrier, hands each available
/// batch to the handler in sequence order, then advances its own <see cref="Sequence"/> once per batch.
/// </summary>
/// <typeparam name="T">The ring's slot type.</typeparam>
/// <typeparam name="THandler">The handler; a struct gets its calls inlined into the loop.</typeparam>
/// <remarks>
/// Public because every pipeline stage is one of these. Halt contract: the batch in hand is finished,
/// then <see cref="IEventHandler{T}.OnShutdown"/> runs and the loop exits; later events are left in the
/// ring. Exceptions from the handler go to the <see cref="IExceptionHandler{T}"/>.
/// </remarks>
public sealed class BatchEventProcessor<T, THandler> : IEventProcessor
    where T : struct
    where THandler : IEventHandler<T>
{
    private const int Idle = 0;
    private const int Running = 1;
    private const int Halted = 2;

    private readonly RingBuffer<T> _ring;
    private readonly SequenceBarrier _barrier;
    private readonly IExceptionHandler<T> _exceptionHandler;
    private readonly Sequence _sequence = new();
    private THandler _handler;
    private IWaitStrategy[] _wakeAfterBatch = [];
    private int _state;

    /// <summary>Creates a processor; it does nothing until <see cref="Run"/> or <see cref="Start"/>.</summary>
    /// <param name="ring">The ring to read.</param>
    /// <param name="barrier">This processor's own barrier (halting alerts it).</param>
    /// <param name="handler">The stage's work.</param>
    /// <param name="exceptionHandler">Handler failures; <see cref="HaltingExceptionHandler{T}"/> when null.</param>
    public BatchEventProcessor(
        RingBuffer<T> ring,
        SequenceBarrier barrier,
        THandler handler,
        IExceptionHandler<T>? exceptionHandler = null)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(barrier);
        ArgumentNullException.ThrowIfNull(handler);
        _ring = ring;
        _barrier = barrier;
        _handler = handler;
        _exceptionHandler = exceptionHandler ?? HaltingExceptionHandler<T>.Instance;
    }

    /// <inheritdoc/>
    public Sequence Sequence => _sequence;

    /// <summary>
    /// After each batch (once this processor's sequence covers it), signals <paramref name="downstream"/>: the wait
    /// strategy of a stage behind this one that sleeps on its upstream stages (<see cref="BlockingWaitStrategy.OnUpstreamStages"/>).
    /// Costs a full fence per batch, and the lock only when that stage may be asleep. Call before the processor starts,
    /// on the thread that starts it: the check against a running processor does not guard a concurrent <see cref="Start"/>.
    /// </summary>
    /// <param name="downstream">The downstream stage's wait strategy.</param>
    /// <exception cref="InvalidOperationException">The processor is running.</exception>
    public void WakeAfterEachBatch(IWaitStrategy downstream)
    {
        ArgumentNullException.ThrowIfNull(downstream);
        if (IsRunning)
        {
            throw new InvalidOperationException("Add the stages to wake before the processor starts.");
        }

        _wakeAfterBatch = [.. _wakeAfterBatch, downstream];
    }

    /// <summary>
    /// The handler, by reference, so a struct handler's state can be read after the processor stops;
    /// reading it while running races with the processor thread.
    /// </summary>
    public ref THandler Handler => ref _handler;

    /// <inheritdoc/>
    public bool IsRunning => Volatile.Read(ref _state) != Idle;

    /// <inheritdoc/>
    public void Run()
    {
        Enter();
        RunLoop();
    }

    /// <inheritdoc/>
    public Task Start(string? threadName = null)
    {
        Enter();
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                RunLoop();
                completion.SetResult();
            }
            catch (Exception exception)
            {
                completion.SetException(exception);
            }
        })
        {
            IsBackground = true,
            Name = threadName ?? typeof(THandler).Name,
        };
        thread.Start();
        return completion.Task;
    }

    /// <inheritdoc/>
    public void Halt()
    {
        if (Interlocked.CompareExchange(ref _state, Halted, Running) == Running)
        {
            _barrier.Alert();
        }
    }

    private void Enter()
    {
        if (Interlocked.CompareExchange(ref _state, Running, Idle) != Idle)
        {
            ThrowHelper.ThrowAlreadyRunning();
        }

        _barrier.ClearAlert();
        if (Volatile.Read(ref _state) == Halted)
        {
            _barrier.Alert();
        }
    }

    private void RunLoop()
    {
        Exception? failure = null;
        try
        {
            NotifyStart();
            ProcessEvents();
        }
        catch (Exception exception)
        {
            failure = exception;
        }

        // A halting exception handler rethrows after setting the sequence to the event before the failed one, which
        // leaves ProcessEvents before its wake-up: the stages sleeping on this one must still drain up to there.
        WakeDownstream();

        try
        {
            NotifyShutdown();
        }
        catch (Exception exception)
        {
            failure = failure is null ? exception : new AggregateException(failure, exception);
        }

        Volatile.Write(ref _state, Idle);
        if (failure is not null)
        {
            ThrowHelper.Rethrow(failure);
        }
    }

    private void ProcessEvents()
    {
        RingBuffer<T> ring = _ring;
        SequenceBarrier barrier = _barrier;
        long next = _sequence.Value + 1;
        SpinWait spinner = default;
        while (true)
        {
            long available = barrier.WaitFor(next);
            if (available < next)
            {
                if (barrier.IsAlerted)
                {
                    return;
                }

                spinner.SpinOnce(sleep1Threshold: -1);
                continue;
            }

            try
            {
                _handler.OnBatchStart(next, available - next + 1);
                for (; next <= available; next++)
                {
                    _handler.OnEvent(ref ring[next], next, next == available);
                }

                _sequence.SetValue(available);
            }
            catch (Exception exception)
            {
                HandleEventException(exception, next);
                next++;
            }

            WakeDownstream();
            spinner = default;
        }
    }

    private void WakeDownstream()
    {
        foreach (IWaitStrategy downstream in _wakeAfterBatch)
        {
            downstream.SignalAllWhenBlocking();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void HandleEventException(Exception exception, long sequence)
    {
        _sequence.SetValue(sequence - 1);
        _exceptionHandler.HandleEventException(exception, sequence, ref _ring[sequence]);
        _sequence.SetValue(sequence);
    }

    private void NotifyStart()
    {
        try
        {
            _handler.OnStart();
        }
        catch (Exception exception)
        {
            _exceptionHandler.HandleOnStartException(exception);
        }
    }

    private void NotifyShutdown()
    {
        try
        {
            _handler.OnShutdown();
        }
        catch (Exception exception)
        {
            _exceptionHandler.HandleOnShutdownException(exception);
        }
    }
}
