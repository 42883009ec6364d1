namespace DarkPool.Protocol.Envelopes;

/// <summary>
/// The fixed plaintext sizes an envelope may have. Every message of protocol version 1, request or response, travels
/// in <see cref="Standard"/>, so the operator sees one envelope length; <see cref="Bulk"/> is reserved for batch
/// messages (a later version), which would be recognisable as batches by length but no more.
/// </summary>
public enum EnvelopeSizeClass : byte
{
    /// <summary>256 bytes of plaintext: a 312-byte envelope.</summary>
    Standard = 0,

    /// <summary>1,024 bytes of plaintext: a 1,080-byte envelope.</summary>
    Bulk = 1,
}
