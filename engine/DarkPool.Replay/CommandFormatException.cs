namespace DarkPool.Replay;

/// <summary>A line is not a well-formed command; the message becomes the <c>error</c> event's message.</summary>
internal sealed class CommandFormatException : Exception
{
    public CommandFormatException(string message)
        : base(message)
    {
    }
}
