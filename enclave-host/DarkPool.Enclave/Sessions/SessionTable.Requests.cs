using DarkPool.Enclave.Sessions.Internal;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Messages;

namespace DarkPool.Enclave.Sessions;

/// <summary>Opening request envelopes.</summary>
public sealed partial class SessionTable
{
    /// <summary>
    /// Authenticates, decrypts and checks a request envelope at <paramref name="nowUnixMs"/>. Checks, in order, each
    /// with its own <see cref="EnvelopeReject"/>: header; direction; session known and open; AES-GCM; sequence (exactly
    /// the next, else replay, stale or gap); size class; padding; MessagePack; expiry; client request id (new,
    /// duplicate, or too old). Only an accepted envelope changes state: the session's next sequence, its replay window
    /// and, for a new request id, its idempotency window.
    /// </summary>
    public bool TryOpenRequest(ReadOnlySpan<byte> envelope, long nowUnixMs, out OpenedRequest request, out EnvelopeReject reject)
    {
        request = default;
        if (!EnvelopeHeader.TryParse(envelope, out EnvelopeHeader header, out reject))
        {
            return false;
        }

        if (header.Kind != EnvelopeKind.Request)
        {
            reject = EnvelopeReject.WrongDirection;
            return false;
        }

        if (!TryGetOpen(header.SessionId, out Session? session, out reject)
            || !SessionCipher.TryDecrypt(session.OpenKey!, header, envelope, _plaintext, out reject))
        {
            return false;
        }

        try
        {
            reject = Check(session, header, envelope, nowUnixMs, out DecodedRequest decoded, out RequestLookup lookup);
            if (reject != EnvelopeReject.None)
            {
                return false;
            }

            Accept(session, header.Sequence, EnvelopeCipher.Tag(envelope), decoded.ClientRequestId, lookup);
            RequestDisposition disposition = lookup switch
            {
                RequestLookup.New => RequestDisposition.New,
                RequestLookup.Complete => RequestDisposition.Duplicate,
                _ => RequestDisposition.DuplicateInFlight,
            };
            request = new OpenedRequest(session.Id, session.Account, session.Flags, header.Sequence, decoded, disposition);
            return true;
        }
        finally
        {
            Array.Clear(_plaintext, 0, EnvelopeLayout.PlaintextSize(header.SizeClass));
        }
    }

    private EnvelopeReject Check(Session session, in EnvelopeHeader header, ReadOnlySpan<byte> envelope, long now, out DecodedRequest decoded, out RequestLookup lookup)
    {
        decoded = default;
        lookup = RequestLookup.TooOld;
        ulong next = session.NextReceive;
        if (header.Sequence != next)
        {
            return header.Sequence > next ? EnvelopeReject.Gap
                : session.Replay!.IsCopy(header.Sequence, next, EnvelopeCipher.Tag(envelope)) ? EnvelopeReject.Replay
                : EnvelopeReject.Stale;
        }

        if (!Padding.TryUnpad(_plaintext.AsSpan(0, EnvelopeLayout.PlaintextSize(header.SizeClass)), out int length))
        {
            return EnvelopeReject.BadPadding;
        }

        if (!RequestCodec.TryRead(_plaintext.AsMemory(Padding.MessageOffset, length), out decoded))
        {
            return EnvelopeReject.MalformedMessage;
        }

        if (header.SizeClass != RequestCodec.SizeClassOf(decoded.Kind))
        {
            // Every request has one size class (a batch bulk, the rest standard), so length never tells more than that.
            return EnvelopeReject.UnexpectedSizeClass;
        }

        if (now > decoded.ExpiresAtUnixMs)
        {
            return EnvelopeReject.Expired;
        }

        lookup = session.Requests!.Find(decoded.ClientRequestId, out _);
        return lookup == RequestLookup.TooOld ? EnvelopeReject.RequestIdTooOld : EnvelopeReject.None;
    }

    private static void Accept(Session session, ulong sequence, ReadOnlySpan<byte> tag, ulong clientRequestId, RequestLookup lookup)
    {
        session.Replay!.Record(sequence, tag);
        session.NextReceive = sequence + 1;
        if (lookup == RequestLookup.New)
        {
            session.Requests!.Add(clientRequestId);
        }
    }
}
