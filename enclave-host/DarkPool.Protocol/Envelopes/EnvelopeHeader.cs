using System.Buffers.Binary;

namespace DarkPool.Protocol.Envelopes;

/// <summary>The clear-text fields of an envelope's header (the nonce stays in the envelope bytes).</summary>
public readonly struct EnvelopeHeader
{
    /// <summary>A header with these fields.</summary>
    public EnvelopeHeader(EnvelopeKind kind, EnvelopeSizeClass sizeClass, SessionId sessionId, ulong sequence)
    {
        Kind = kind;
        SizeClass = sizeClass;
        SessionId = sessionId;
        Sequence = sequence;
    }

    /// <summary>Which way the envelope travels.</summary>
    public EnvelopeKind Kind { get; }

    /// <summary>The plaintext size class.</summary>
    public EnvelopeSizeClass SizeClass { get; }

    /// <summary>The session.</summary>
    public SessionId SessionId { get; }

    /// <summary>The sender's sequence number.</summary>
    public ulong Sequence { get; }

    /// <summary>
    /// Reads and checks the header: length against the size class, version, kind, size class and reserved byte. It
    /// authenticates nothing; <c>EnvelopeCipher.TryOpen</c> does.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> envelope, out EnvelopeHeader header, out EnvelopeReject reject)
    {
        header = default;
        if (envelope.Length < EnvelopeLayout.HeaderSize)
        {
            reject = EnvelopeReject.Truncated;
            return false;
        }

        byte kind = envelope[EnvelopeLayout.KindOffset];
        byte sizeClass = envelope[EnvelopeLayout.SizeClassOffset];
        reject = envelope[EnvelopeLayout.VersionOffset] != EnvelopeLayout.Version ? EnvelopeReject.UnsupportedVersion
            : kind is not ((byte)EnvelopeKind.Request or (byte)EnvelopeKind.Response)
                || sizeClass > (byte)EnvelopeSizeClass.Bulk
                || envelope[EnvelopeLayout.ReservedOffset] != 0 ? EnvelopeReject.MalformedHeader
            : envelope.Length != EnvelopeLayout.EnvelopeSize((EnvelopeSizeClass)sizeClass) ? EnvelopeReject.Truncated
            : EnvelopeReject.None;
        if (reject != EnvelopeReject.None)
        {
            return false;
        }

        header = new EnvelopeHeader(
            (EnvelopeKind)kind,
            (EnvelopeSizeClass)sizeClass,
            SessionId.FromBytes(envelope.Slice(EnvelopeLayout.SessionIdOffset, SessionId.Size)),
            BinaryPrimitives.ReadUInt64LittleEndian(envelope[EnvelopeLayout.SequenceOffset..]));
        return true;
    }

    /// <summary>Writes the header with <paramref name="nonce"/> to the first <see cref="EnvelopeLayout.HeaderSize"/> bytes.</summary>
    public void WriteTo(ReadOnlySpan<byte> nonce, Span<byte> destination)
    {
        if (nonce.Length != EnvelopeLayout.NonceSize || destination.Length < EnvelopeLayout.HeaderSize)
        {
            throw new ArgumentException($"The nonce is {EnvelopeLayout.NonceSize} bytes and the header {EnvelopeLayout.HeaderSize}.", nameof(nonce));
        }

        destination[EnvelopeLayout.VersionOffset] = EnvelopeLayout.Version;
        destination[EnvelopeLayout.KindOffset] = (byte)Kind;
        destination[EnvelopeLayout.SizeClassOffset] = (byte)SizeClass;
        destination[EnvelopeLayout.ReservedOffset] = 0;
        SessionId.WriteTo(destination[EnvelopeLayout.SessionIdOffset..]);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[EnvelopeLayout.SequenceOffset..], Sequence);
        nonce.CopyTo(destination[EnvelopeLayout.NonceOffset..]);
    }
}
