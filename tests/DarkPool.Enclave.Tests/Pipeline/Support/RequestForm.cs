using DarkPool.Enclave.Core;

namespace DarkPool.Enclave.Tests.Pipeline.Support;

/// <summary>How a writer journals each accepted request.</summary>
internal enum RequestForm
{
    /// <summary>As it arrived, <see cref="EnclaveRecordKind.Envelope"/>: what builds before kind 9 wrote.</summary>
    Sealed,

    /// <summary>As the pipeline now journals it: <see cref="EnclaveRecordKind.OpenedEnvelope"/>.</summary>
    Opened,

    /// <summary>Alternately one and the other.</summary>
    Mixed,
}
