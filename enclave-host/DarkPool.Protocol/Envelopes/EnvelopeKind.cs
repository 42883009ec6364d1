namespace DarkPool.Protocol.Envelopes;

/// <summary>Which way an envelope travels; each direction has its own key.</summary>
public enum EnvelopeKind : byte
{
    /// <summary>Client to enclave, sealed with the client-to-enclave key.</summary>
    Request = 1,

    /// <summary>Enclave to client (answers and events), sealed with the enclave-to-client key.</summary>
    Response = 2,
}
