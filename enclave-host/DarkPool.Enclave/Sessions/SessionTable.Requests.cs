using System.Security.Cryptography;
using DarkPool.Enclave.Core.Internal;
using DarkPool.Enclave.Sessions.Internal;
using DarkPool.Protocol;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Internal;
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
    public bool TryOpenRequest(ReadOnlySpan<byte> envelope, long nowUnixMs, out OpenedRequest request, out EnvelopeReject reject) =>
        TryOpen(envelope, opened: false, nowUnixMs, default, default, reuse: null, out request, out reject);

    /// <summary>
    /// As <see cref="TryOpenRequest(ReadOnlySpan{byte}, long, out OpenedRequest, out EnvelopeReject)"/>, live, for the
    /// pipeline: once the envelope is accepted (and only then), its padded plaintext is written over its ciphertext in
    /// <paramref name="envelope"/>, which so becomes the payload of an <c>OpenedEnvelope</c> journal record (header and
    /// tag unchanged, the same length). A refused envelope is left as it arrived. A batch request's items are in arrays
    /// the table reuses (<see cref="BatchArrays"/>): the request is valid until the table opens the next one, as on every
    /// internal path the enclave core executes at once.
    /// </summary>
    internal bool TryOpenRequestInPlace(Span<byte> envelope, long nowUnixMs, out OpenedRequest request, out EnvelopeReject reject) =>
        TryOpen(envelope, opened: false, nowUnixMs, default, envelope, _batchArrays, out request, out reject);

    /// <summary>
    /// As <see cref="TryOpenRequest(ReadOnlySpan{byte}, long, out OpenedRequest, out EnvelopeReject)"/>, on replay, with
    /// what <see cref="EnvelopePreparer"/> opened ahead: its plaintext is used instead of decrypting again only when it
    /// authenticated under exactly this session's key; every other check is made here as always.
    /// </summary>
    internal bool TryOpenRequest(ReadOnlySpan<byte> envelope, long nowUnixMs, ReadOnlySpan<byte> prepared, out OpenedRequest request, out EnvelopeReject reject) =>
        TryOpen(envelope, opened: false, nowUnixMs, prepared, default, _batchArrays, out request, out reject);

    /// <summary>
    /// Replays a request the enclave opened live (the payload of an <c>OpenedEnvelope</c> journal record, read from the
    /// sealed journal only): the envelope's header, its padded plaintext in place of the ciphertext, its tag. Every check
    /// of <see cref="TryOpenRequest(ReadOnlySpan{byte}, long, out OpenedRequest, out EnvelopeReject)"/> is made, in the
    /// same order, with the same rejects, except AES-GCM under the session's key, which the enclave made when it
    /// journaled the record (the journal frame's own AES-GCM stands for it now).
    /// </summary>
    internal bool TryApplyOpenedRequest(ReadOnlySpan<byte> opened, long nowUnixMs, out OpenedRequest request, out EnvelopeReject reject) =>
        TryOpen(opened, opened: true, nowUnixMs, default, default, _batchArrays, out request, out reject);

    private bool TryOpen(
        ReadOnlySpan<byte> envelope, bool opened, long nowUnixMs, ReadOnlySpan<byte> prepared, Span<byte> openInto, BatchArrays? reuse,
        out OpenedRequest request, out EnvelopeReject reject)
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

        if (!TryGetOpen(header.SessionId, out Session? session, out reject))
        {
            return false;
        }

        int plaintextSize = EnvelopeLayout.PlaintextSize(header.SizeClass);
        if (opened)
        {
            envelope.Slice(EnvelopeLayout.CiphertextOffset, plaintextSize).CopyTo(_plaintext);
        }
        else if (!TryTakePrepared(session, header, prepared) && !EnvelopeCipher.TryDecrypt(session.OpenKey!, header, envelope, _plaintext, out reject))
        {
            return false;
        }

        try
        {
            reject = Check(session, header, envelope, nowUnixMs, reuse, out DecodedRequest decoded, out RequestLookup lookup);
            if (reject != EnvelopeReject.None)
            {
                return false;
            }

            Accept(session, header.Sequence, EnvelopeCipher.Tag(envelope), decoded.ClientRequestId, lookup);
            if (!openInto.IsEmpty)
            {
                _plaintext.AsSpan(0, plaintextSize).CopyTo(openInto.Slice(EnvelopeLayout.CiphertextOffset, plaintextSize));
            }

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
            Array.Clear(_plaintext, 0, plaintextSize);
        }
    }

    private bool TryTakePrepared(Session session, in EnvelopeHeader header, ReadOnlySpan<byte> prepared)
    {
        if (prepared.IsEmpty || prepared[0] != EnvelopePreparer.Opened
            || !CryptographicOperations.FixedTimeEquals(prepared.Slice(EnvelopePreparer.KeyOffset, Aes256Gcm.KeySize), session.ClientToEnclaveKey))
        {
            return false;
        }

        prepared.Slice(EnvelopePreparer.PlaintextOffset, EnvelopeLayout.PlaintextSize(header.SizeClass)).CopyTo(_plaintext);
        return true;
    }

    /// <summary>The open sessions' client-to-enclave keys (copies), for <see cref="EnvelopePreparer"/>.</summary>
    internal List<(SessionId Session, byte[] Key)> OpenRequestKeys() =>
        [.. _sessions.Values.Where(s => s.IsOpen).Select(s => (s.Id, s.ClientToEnclaveKey.ToArray()))];

    private EnvelopeReject Check(
        Session session, in EnvelopeHeader header, ReadOnlySpan<byte> envelope, long now, BatchArrays? reuse, out DecodedRequest decoded, out RequestLookup lookup)
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

        if (!RequestCodec.TryRead(_plaintext.AsMemory(Padding.MessageOffset, length), reuse, out decoded))
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
