using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using DarkPool.Protocol;
using DarkPool.Protocol.Accounts;
using DarkPool.Protocol.Handshake;

namespace DarkPool.Enclave.Sessions;

/// <summary>
/// A handshake that passed <see cref="HandshakeVerifier"/>: the derived keys, the account, the flags and the expiry.
/// This, not the handshake message, is what the pipeline journals, so replay opens the same session without the
/// key-agreement key or the quote registry. It holds keys: it goes into the sealed journal and nowhere else.
/// <code>
///  0 session id (16) | 16 client->enclave key (32) | 48 enclave->client key (32) | 80 account (20)
/// 100 expires at i64 | 108 flags u32 | 112
/// </code>
/// </summary>
public sealed class VerifiedHandshake
{
    /// <summary>Size of the serialised form.</summary>
    public const int SerializedSize = 112;

    private const int ClientToEnclaveOffset = 16;
    private const int EnclaveToClientOffset = 48;
    private const int AccountOffset = 80;
    private const int ExpiresAtOffset = 100;
    private const int FlagsOffset = 108;

    /// <summary>A verified handshake with these parts.</summary>
    public VerifiedHandshake(SessionKeys keys, AccountAddress account, SessionFlags flags, long expiresAtUnixMs)
    {
        ArgumentNullException.ThrowIfNull(keys);
        Keys = keys;
        Account = account;
        Flags = flags;
        ExpiresAtUnixMs = expiresAtUnixMs;
    }

    /// <summary>The session id.</summary>
    public SessionId SessionId => Keys.SessionId;

    /// <summary>The derived keys.</summary>
    public SessionKeys Keys { get; }

    /// <summary>The account that signed the handshake.</summary>
    public AccountAddress Account { get; }

    /// <summary>The options the client signed.</summary>
    public SessionFlags Flags { get; }

    /// <summary>When the handshake stops being acceptable, Unix milliseconds.</summary>
    public long ExpiresAtUnixMs { get; }

    /// <summary>Writes the <see cref="SerializedSize"/>-byte form.</summary>
    public void WriteTo(Span<byte> destination)
    {
        if (destination.Length < SerializedSize)
        {
            throw new ArgumentException($"Need {SerializedSize} bytes.", nameof(destination));
        }

        SessionId.WriteTo(destination);
        Keys.ClientToEnclave.CopyTo(destination[ClientToEnclaveOffset..]);
        Keys.EnclaveToClient.CopyTo(destination[EnclaveToClientOffset..]);
        Account.WriteTo(destination[AccountOffset..]);
        BinaryPrimitives.WriteInt64LittleEndian(destination[ExpiresAtOffset..], ExpiresAtUnixMs);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[FlagsOffset..], (uint)Flags);
    }

    /// <summary>Reads the serialised form; false when the size is wrong or a flag is unknown.</summary>
    public static bool TryReadFrom(ReadOnlySpan<byte> source, [NotNullWhen(true)] out VerifiedHandshake? handshake)
    {
        handshake = null;
        if (source.Length != SerializedSize)
        {
            return false;
        }

        var flags = (SessionFlags)BinaryPrimitives.ReadUInt32LittleEndian(source[FlagsOffset..]);
        if ((flags & ~SessionFlags.CancelOnDisconnect) != 0)
        {
            return false;
        }

        var keys = new SessionKeys(
            SessionId.FromBytes(source[..SessionId.Size]),
            source.Slice(ClientToEnclaveOffset, SessionKeys.KeySize),
            source.Slice(EnclaveToClientOffset, SessionKeys.KeySize));
        handshake = new VerifiedHandshake(
            keys,
            AccountAddress.FromBytes(source.Slice(AccountOffset, AccountAddress.Size)),
            flags,
            BinaryPrimitives.ReadInt64LittleEndian(source[ExpiresAtOffset..]));
        return true;
    }

    /// <summary>The session id and account only.</summary>
    public override string ToString() => $"session {SessionId} of {Account}";
}
