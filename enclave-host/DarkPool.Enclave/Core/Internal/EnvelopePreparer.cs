using System.Security.Cryptography;
using DarkPool.Enclave.Journal;
using DarkPool.Enclave.Sessions;
using DarkPool.Protocol;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Internal;

namespace DarkPool.Enclave.Core.Internal;

/// <summary>
/// Recovery's envelope opener (<see cref="IJournalRecordPreparer"/>): ahead of replay, on another thread, it opens each
/// sealed request envelope journaled as <see cref="EnclaveRecordKind.Envelope"/> (by builds before
/// <see cref="EnclaveRecordKind.OpenedEnvelope"/>, whose records need no opening) with the key its session had when the
/// envelope was journaled, as far as the journal tells: the keys of the sessions open in the restored snapshot, then
/// each handshake record's, in journal order. It
/// knows nothing else of the state (not whether a session is still open, not its sequence), so replay uses what it
/// opened only after its own checks, and only when the session's key is byte for byte the one used here
/// (<see cref="SessionTable"/>); otherwise replay opens the envelope itself, as live.
/// </summary>
/// <remarks>
/// Prepared bytes (<see cref="Size"/>): a status byte (<see cref="Opened"/> when the envelope authenticated), the
/// client-to-enclave key it authenticated under (32), then the padded plaintext (up to the bulk size).
/// </remarks>
internal sealed class EnvelopePreparer : IJournalRecordPreparer
{
    public const byte Opened = 1;
    public const int KeyOffset = 1;
    public const int PlaintextOffset = KeyOffset + Aes256Gcm.KeySize;
    public const int Size = PlaintextOffset + EnvelopeLayout.BulkPlaintextSize;

    private readonly Dictionary<SessionId, (byte[] Key, Aes256Gcm Cipher)> _keys = [];

    public EnvelopePreparer(List<(SessionId Session, byte[] Key)> openSessions)
    {
        foreach ((SessionId session, byte[] key) in openSessions)
        {
            _keys[session] = (key, new Aes256Gcm(key));
        }
    }

    public void Prepare(long sequence, ReadOnlySpan<byte> payload, Span<byte> prepared)
    {
        prepared[0] = 0;
        EnclaveRecordKind kind = EnclaveRecords.KindOf(payload);
        if (kind == EnclaveRecordKind.Handshake)
        {
            if (VerifiedHandshake.TryReadFrom(payload[EnclaveRecords.HeaderSize..], out VerifiedHandshake? handshake))
            {
                Forget(handshake.SessionId);
                byte[] key = handshake.Keys.ClientToEnclave.ToArray();
                _keys[handshake.SessionId] = (key, new Aes256Gcm(key));
                handshake.Keys.Clear();
            }

            return;
        }

        ReadOnlySpan<byte> envelope = payload[EnclaveRecords.HeaderSize..];
        if (kind != EnclaveRecordKind.Envelope
            || !EnvelopeHeader.TryParse(envelope, out EnvelopeHeader header, out _)
            || header.Kind != EnvelopeKind.Request
            || !_keys.TryGetValue(header.SessionId, out (byte[] Key, Aes256Gcm Cipher) session))
        {
            return;
        }

        if (EnvelopeCipher.TryDecrypt(session.Cipher, header, envelope, prepared[PlaintextOffset..], out _))
        {
            session.Key.CopyTo(prepared[KeyOffset..]);
            prepared[0] = Opened;
        }
    }

    public void Dispose()
    {
        foreach (SessionId session in _keys.Keys.ToList())
        {
            Forget(session);
        }
    }

    private void Forget(SessionId session)
    {
        if (_keys.Remove(session, out (byte[] Key, Aes256Gcm Cipher) old))
        {
            old.Cipher.Dispose();
            CryptographicOperations.ZeroMemory(old.Key);
        }
    }
}
