namespace DarkPool.Disruptor.Tests.Support;

/// <summary>An exception handler that records and carries on, marking failed slots.</summary>
internal sealed class RecordingExceptionHandler : IExceptionHandler<TestEvent>
{
    public List<(Exception Exception, long Sequence)> EventFailures { get; } = [];

    public List<Exception> StartFailures { get; } = [];

    public List<Exception> ShutdownFailures { get; } = [];

    public void HandleEventException(Exception exception, long sequence, ref TestEvent data)
    {
        data.Stage1 = -1;
        EventFailures.Add((exception, sequence));
    }

    public void HandleOnStartException(Exception exception) => StartFailures.Add(exception);

    public void HandleOnShutdownException(Exception exception) => ShutdownFailures.Add(exception);
}
