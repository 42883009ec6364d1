namespace DarkPool.Attestation.Quotes;

/// <summary>ATTRIBUTES.FLAGS of a report body (SGX bit assignments).</summary>
[Flags]
public enum EnclaveAttributes : ulong
{
    /// <summary>No flag.</summary>
    None = 0,

    /// <summary>The enclave has been initialised (always set in a report).</summary>
    Init = 1,

    /// <summary>Debug enclave: the host can read and change its memory. No production policy accepts it.</summary>
    Debug = 2,

    /// <summary>64-bit enclave.</summary>
    Mode64Bit = 4,

    /// <summary>The enclave may use the provisioning key (set for quoting enclaves).</summary>
    ProvisionKey = 0x10,
}
