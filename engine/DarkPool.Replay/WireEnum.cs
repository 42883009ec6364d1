namespace DarkPool.Replay;

/// <summary>A two-way table between an engine enum and its spelling in the JSON Lines format.</summary>
internal sealed class WireEnum<T>
    where T : struct, Enum
{
    private readonly (string Name, T Value)[] _entries;

    public WireEnum(params (string Name, T Value)[] entries)
    {
        _entries = entries;
        Choices = string.Join(", ", entries.Select(e => e.Name));
    }

    /// <summary>The accepted spellings, comma separated, for error messages.</summary>
    public string Choices { get; }

    /// <summary>Every (name, value) pair, in declaration order.</summary>
    public IReadOnlyList<(string Name, T Value)> Entries => _entries;

    public bool TryParse(string name, out T value)
    {
        foreach ((string n, T v) in _entries)
        {
            if (n == name)
            {
                value = v;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>The spelling of a value; a value without one prints as its number.</summary>
    public string Name(T value)
    {
        foreach ((string n, T v) in _entries)
        {
            if (EqualityComparer<T>.Default.Equals(v, value))
            {
                return n;
            }
        }

        return Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
