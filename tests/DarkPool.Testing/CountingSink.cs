using DarkPool.Engine;

namespace DarkPool.Testing;

/// <summary>Counts events without keeping them: a sink that allocates nothing.</summary>
public sealed class CountingSink : IEventSink
{
    public long Events { get; private set; }

    public long Trades { get; private set; }

    public long Rejections { get; private set; }

    public void OnEvent(in EngineEvent e)
    {
        Events++;
        if (e.Type == EventType.Trade)
        {
            Trades++;
        }
        else if (e.Type == EventType.Rejected)
        {
            Rejections++;
        }
    }

    public void OnBook(int market, ReadOnlySpan<BookLevel> bids, ReadOnlySpan<BookLevel> asks) => Events++;
}
