namespace DarkPool.Replay;

/// <summary>Gives each distinct name a dense id in first-seen order, starting at a fixed first id, and maps ids back.</summary>
internal sealed class NameInterner
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];
    private readonly int _firstId;

    public NameInterner(int firstId)
    {
        _firstId = firstId;
    }

    /// <summary>Names interned so far.</summary>
    public int Count => _names.Count;

    public bool Contains(string name) => _ids.ContainsKey(name);

    /// <summary>The name's id, assigning the next one on first sight.</summary>
    public int Intern(string name)
    {
        if (!_ids.TryGetValue(name, out int id))
        {
            id = _firstId + _names.Count;
            _names.Add(name);
            _ids.Add(name, id);
        }

        return id;
    }

    /// <summary>The name behind an id; an id this table never gave out prints as <c>#id</c>.</summary>
    public string NameOf(long id)
    {
        long index = id - _firstId;
        return index >= 0 && index < _names.Count ? _names[(int)index] : "#" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
