using DarkPool.Engine;

namespace DarkPool.Testing;

/// <summary>Keeps every event, and a canonical text line per event so that two engines' outputs compare as strings.</summary>
public sealed class RecordingSink : IEventSink
{
    public List<EngineEvent> Events { get; } = [];

    public List<string> Lines { get; } = [];

    public List<(int Market, BookLevel[] Bids, BookLevel[] Asks)> Books { get; } = [];

    public void OnEvent(in EngineEvent e)
    {
        Events.Add(e);
        Lines.Add(EventText.Format(e));
    }

    public void OnBook(int market, ReadOnlySpan<BookLevel> bids, ReadOnlySpan<BookLevel> asks)
    {
        Books.Add((market, bids.ToArray(), asks.ToArray()));
        Lines.Add(EventText.FormatBook(market, bids, asks));
    }

    public void Clear()
    {
        Events.Clear();
        Lines.Clear();
        Books.Clear();
    }
}
