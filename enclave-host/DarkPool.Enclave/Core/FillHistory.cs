using System.Runtime.CompilerServices;
using DarkPool.Protocol.Messages.Responses;

namespace DarkPool.Enclave.Core;

/// <summary>
/// One account's most recent fills, a ring of at most <see cref="Capacity"/> entries, numbered from 1 in the order the
/// account received them (the number keeps counting when old entries are overwritten).
/// </summary>
internal sealed class FillHistory
{
    /// <summary>Fills kept per account; older ones are forgotten (docs/PROTOCOL.md §6, <c>FillsQuery</c>).</summary>
    public const int Capacity = 128;

    private readonly FillEntry[] _ring = new FillEntry[Capacity];
    private int _start;

    /// <summary>Entries retained, at most <see cref="Capacity"/>.</summary>
    public int Count { get; private set; }

    /// <summary>Fills ever recorded for the account: the number of the newest.</summary>
    public long Total { get; private set; }

    /// <summary>The number of the oldest retained fill (1 when none was forgotten).</summary>
    public long Oldest
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Total - Count + 1;
    }

    /// <summary>Records the account's next fill, overwriting the oldest when full.</summary>
    public void Add(in FillEntry fill)
    {
        if (Count < Capacity)
        {
            _ring[(_start + Count) % Capacity] = fill;
            Count++;
        }
        else
        {
            _ring[_start] = fill;
            _start = (_start + 1) % Capacity;
        }

        Total++;
    }

    /// <summary>The fill numbered <paramref name="number"/>, which must be retained (<see cref="Oldest"/> to <see cref="Total"/>).</summary>
    public ref readonly FillEntry this[long number]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref _ring[(int)((_start + (number - Oldest)) % Capacity)];
    }

    /// <summary>Restores a history from a snapshot: <paramref name="total"/> fills ever, the last entries retained.</summary>
    public static FillHistory Restore(long total, ReadOnlySpan<FillEntry> retained)
    {
        var history = new FillHistory();
        retained.CopyTo(history._ring);
        history.Count = retained.Length;
        history.Total = total;
        return history;
    }
}
