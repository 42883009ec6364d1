namespace DarkPool.Engine;

/// <summary>Receives the engine's events, in order, on the engine's thread.</summary>
/// <remarks>Implementations copy what they keep: the event is reused after the call returns.</remarks>
public interface IEventSink
{
    /// <summary>One event.</summary>
    void OnEvent(in EngineEvent e);

    /// <summary>Answer to a book query: levels best first.</summary>
    void OnBook(int market, ReadOnlySpan<BookLevel> bids, ReadOnlySpan<BookLevel> asks);
}
