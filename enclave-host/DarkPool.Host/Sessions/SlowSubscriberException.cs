namespace DarkPool.Host.Sessions;

/// <summary>A subscriber fell behind its bounded queue; its stream ends and it resumes from the last sequence it saw.</summary>
public sealed class SlowSubscriberException : Exception
{
    /// <summary>The standard message.</summary>
    public SlowSubscriberException()
        : base("The event stream fell too far behind; resume from the last sequence received.")
    {
    }

    /// <summary>A message of the caller's.</summary>
    public SlowSubscriberException(string message)
        : base(message)
    {
    }

    /// <summary>A message and a cause.</summary>
    public SlowSubscriberException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
