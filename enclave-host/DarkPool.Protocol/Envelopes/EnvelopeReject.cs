namespace DarkPool.Protocol.Envelopes;

/// <summary>
/// Why an envelope was refused. A refused envelope changes nothing: no sequence number is consumed, no request id is
/// remembered, nothing reaches the engine. These travel back in the clear (they say nothing about the content), so a
/// gateway can map each to a status code.
/// </summary>
public enum EnvelopeReject : byte
{
    /// <summary>Not a refusal.</summary>
    None = 0,

    /// <summary>The envelope is shorter than its header, or its length is not the one its size class fixes.</summary>
    Truncated,

    /// <summary>An envelope version this side does not speak.</summary>
    UnsupportedVersion,

    /// <summary>Unknown kind or size class, or a non-zero reserved byte.</summary>
    MalformedHeader,

    /// <summary>A response where a request was expected, or the other way round.</summary>
    WrongDirection,

    /// <summary>No session has this id (never opened, or closed long enough ago to be forgotten).</summary>
    UnknownSession,

    /// <summary>The session was closed.</summary>
    SessionClosed,

    /// <summary>AES-GCM authentication failed: tampered header, ciphertext or tag, or sealed with another key.</summary>
    AuthenticationFailed,

    /// <summary>An exact copy of an envelope that was already accepted.</summary>
    Replay,

    /// <summary>A sequence number below the next expected one that is not an exact copy of an accepted envelope.</summary>
    Stale,

    /// <summary>A sequence number above the next expected one: an envelope before it is missing.</summary>
    Gap,

    /// <summary>The padded plaintext's length prefix is too large or a padding byte is not zero.</summary>
    BadPadding,

    /// <summary>The message is not valid MessagePack of a known kind, has the wrong shape, or a field is out of range.</summary>
    MalformedMessage,

    /// <summary>The message kind may not travel in this envelope's size class.</summary>
    UnexpectedSizeClass,

    /// <summary>The request's expiry is before the enclave's time.</summary>
    Expired,

    /// <summary>
    /// The request id is not above the highest seen and its outcome is no longer remembered: it may have run, so it
    /// will not run again. Look the order up by its client order id instead.
    /// </summary>
    RequestIdTooOld,
}
