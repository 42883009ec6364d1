using DarkPool.Protocol.Envelopes;

namespace DarkPool.Enclave.Sessions.Internal;

/// <summary>
/// A session's most recent client request ids with their outcomes: a ring of <see cref="Capacity"/> entries in
/// increasing id order (ids must increase, so the newest is <see cref="Highest"/>). An id above the highest is new; one
/// in the ring is a duplicate; one at or below the highest but no longer in the ring is too old, and is refused rather
/// than run a second time. Each outcome is one standard message (at most 254 bytes), stored in a preallocated slot.
/// </summary>
internal sealed class IdempotencyWindow
{
    public static readonly int OutcomeCapacity = EnvelopeLayout.MessageCapacity(EnvelopeSizeClass.Standard);

    private readonly ulong[] _ids;
    private readonly byte[] _complete;
    private readonly ushort[] _lengths;
    private readonly byte[] _outcomes;
    private int _oldest;

    public IdempotencyWindow(int capacity)
    {
        Capacity = capacity;
        _ids = new ulong[capacity];
        _complete = new byte[capacity];
        _lengths = new ushort[capacity];
        _outcomes = new byte[capacity * OutcomeCapacity];
    }

    public int Capacity { get; }

    public int Count { get; private set; }

    /// <summary>The highest id ever added (0 before the first).</summary>
    public ulong Highest { get; private set; }

    public RequestLookup Find(ulong id, out int slot)
    {
        slot = -1;
        if (id > Highest)
        {
            return RequestLookup.New;
        }

        // Newest first: a retry is almost always of a recent request.
        for (int i = Count - 1; i >= 0; i--)
        {
            int candidate = SlotOf(i);
            if (_ids[candidate] == id)
            {
                slot = candidate;
                return _complete[candidate] != 0 ? RequestLookup.Complete : RequestLookup.InFlight;
            }

            if (_ids[candidate] < id)
            {
                break;
            }
        }

        return RequestLookup.TooOld;
    }

    /// <summary>Adds a new id (above <see cref="Highest"/>) as in flight, forgetting the oldest when full.</summary>
    public void Add(ulong id)
    {
        int slot;
        if (Count == Capacity)
        {
            slot = _oldest;
            _oldest = (_oldest + 1) % Capacity;
        }
        else
        {
            slot = SlotOf(Count);
            Count++;
        }

        // The slot's old outcome bytes stay until overwritten: only the first _lengths[slot] bytes are ever read.
        _ids[slot] = id;
        _complete[slot] = 0;
        _lengths[slot] = 0;
        Highest = id;
    }

    /// <summary>Records the outcome of an in-flight id; false (and no change) when it is not in flight.</summary>
    public bool TryComplete(ulong id, ReadOnlySpan<byte> outcome)
    {
        if (outcome.Length > OutcomeCapacity || Find(id, out int slot) != RequestLookup.InFlight)
        {
            return false;
        }

        _complete[slot] = 1;
        _lengths[slot] = (ushort)outcome.Length;
        outcome.CopyTo(Outcome(slot));
        return true;
    }

    public ReadOnlySpan<byte> OutcomeOf(int slot) => _outcomes.AsSpan(slot * OutcomeCapacity, _lengths[slot]);

    /// <summary>The i-th entry in id order (0 = oldest).</summary>
    public ulong EntryAt(int i, out bool complete, out ReadOnlySpan<byte> outcome)
    {
        int slot = SlotOf(i);
        complete = _complete[slot] != 0;
        outcome = OutcomeOf(slot);
        return _ids[slot];
    }

    /// <summary>Rebuilds from a snapshot: entries in id order, then the highest id.</summary>
    public void Restore(ulong highest) => Highest = highest;

    /// <summary>Appends an entry read from a snapshot (ids increasing; the caller checked them).</summary>
    public void AppendRestored(ulong id, bool complete, ReadOnlySpan<byte> outcome)
    {
        int slot = SlotOf(Count);
        Count++;
        _ids[slot] = id;
        _complete[slot] = complete ? (byte)1 : (byte)0;
        _lengths[slot] = (ushort)outcome.Length;
        outcome.CopyTo(Outcome(slot));
    }

    private int SlotOf(int index) => (_oldest + index) % Capacity;

    private Span<byte> Outcome(int slot) => _outcomes.AsSpan(slot * OutcomeCapacity, OutcomeCapacity);
}
