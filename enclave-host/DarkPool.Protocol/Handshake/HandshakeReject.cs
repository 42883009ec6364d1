namespace DarkPool.Protocol.Handshake;

/// <summary>Why a handshake was refused. A refused handshake opens no session and changes nothing.</summary>
public enum HandshakeReject : byte
{
    /// <summary>Not a refusal.</summary>
    None = 0,

    /// <summary>The message is not exactly <see cref="HandshakeLayout.MessageSize"/> bytes.</summary>
    Truncated,

    /// <summary>The magic is wrong or a reserved byte is not zero.</summary>
    Malformed,

    /// <summary>A protocol version this enclave does not speak.</summary>
    UnsupportedVersion,

    /// <summary>A flag bit this enclave does not know is set.</summary>
    UnknownFlags,

    /// <summary>The quote hash is not one of the quotes this enclave issued (or it has forgotten it): fetch evidence again.</summary>
    UnknownQuote,

    /// <summary>The client's ephemeral key is not an uncompressed point on P-256.</summary>
    InvalidEphemeralKey,

    /// <summary>The account key is not an uncompressed point on secp256k1.</summary>
    InvalidAccountKey,

    /// <summary>The signature does not verify under the account key over this enclave's transcript.</summary>
    BadSignature,

    /// <summary>The handshake's expiry has passed.</summary>
    Expired,

    /// <summary>The handshake's expiry is further ahead than the enclave allows (it bounds how long a handshake can be replayed).</summary>
    ExpiryTooFar,

    /// <summary>A session with this id is open, or was closed and is still remembered: a replayed handshake.</summary>
    SessionExists,

    /// <summary>The session table is full.</summary>
    TooManySessions,
}
