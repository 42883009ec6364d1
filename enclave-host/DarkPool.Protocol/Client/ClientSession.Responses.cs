using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Messages;

namespace DarkPool.Protocol.Client;

/// <summary>Opening the enclave's responses and events.</summary>
public sealed partial class ClientSession
{
    /// <summary>
    /// Opens the next response or event. It must carry exactly <see cref="NextResponseSequence"/>: a lower one is a
    /// duplicate (<see cref="EnvelopeReject.Replay"/>, safe to drop after a stream resumes), a higher one means one is
    /// missing (<see cref="EnvelopeReject.Gap"/>: resume from <see cref="NextResponseSequence"/>). A refused envelope
    /// changes nothing.
    /// </summary>
    public bool TryOpenResponse(ReadOnlySpan<byte> envelope, out DecodedResponse response, out EnvelopeReject reject)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        response = default;
        if (!EnvelopeHeader.TryParse(envelope, out EnvelopeHeader header, out reject))
        {
            return false;
        }

        reject = header.Kind != EnvelopeKind.Response ? EnvelopeReject.WrongDirection
            : header.SessionId != SessionId ? EnvelopeReject.UnknownSession
            : EnvelopeReject.None;
        if (reject != EnvelopeReject.None
            || !EnvelopeCipher.TryOpen(_openKey, header, envelope, _plaintext, out int length, out reject))
        {
            return false;
        }

        reject = header.Sequence < NextResponseSequence ? EnvelopeReject.Replay
            : header.Sequence > NextResponseSequence ? EnvelopeReject.Gap
            : header.SizeClass != ResponseCodec.SizeClass ? EnvelopeReject.UnexpectedSizeClass
            : !ResponseCodec.TryRead(_plaintext.AsMemory(Padding.MessageOffset, length), out response) ? EnvelopeReject.MalformedMessage
            : EnvelopeReject.None;
        _plaintext.AsSpan(0, EnvelopeLayout.PlaintextSize(header.SizeClass)).Clear();
        if (reject != EnvelopeReject.None)
        {
            response = default;
            return false;
        }

        NextResponseSequence++;
        return true;
    }
}
