namespace DarkPool.Enclave.Sessions.Internal;

/// <summary>
/// The tags of a session's last accepted request envelopes, so that a lower sequence number can be told apart as an
/// exact copy (replay) or anything else (stale). Slot <c>s % size</c> holds the tag of sequence <c>s</c>; slots are
/// valid for the sequences in <c>[max(1, next - size), next - 1]</c>.
/// </summary>
internal sealed class ReplayWindow
{
    public const int TagSize = 16;

    private readonly byte[] _tags;

    public ReplayWindow(int size)
    {
        Size = size;
        _tags = new byte[size * TagSize];
    }

    public int Size { get; }

    /// <summary>How many sequences before <paramref name="next"/> have a tag.</summary>
    public int CountBefore(ulong next) => (int)Math.Min((ulong)Size, next - 1);

    public void Record(ulong sequence, ReadOnlySpan<byte> tag) => tag.CopyTo(Slot(sequence));

    /// <summary>Whether <paramref name="sequence"/> (below <paramref name="next"/>) is remembered with exactly this tag.</summary>
    public bool IsCopy(ulong sequence, ulong next, ReadOnlySpan<byte> tag) =>
        sequence != 0 && sequence < next && next - sequence <= (ulong)Size && Slot(sequence).SequenceEqual(tag);

    public ReadOnlySpan<byte> TagOf(ulong sequence) => Slot(sequence);

    public void Clear() => Array.Clear(_tags);

    private Span<byte> Slot(ulong sequence) => _tags.AsSpan((int)(sequence % (ulong)Size) * TagSize, TagSize);
}
