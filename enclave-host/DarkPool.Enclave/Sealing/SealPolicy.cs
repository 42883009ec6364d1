namespace DarkPool.Enclave.Sealing;

/// <summary>What a sealing key is bound to, as in the SGX and Open Enclave SDKs.</summary>
public enum SealPolicy : ushort
{
    /// <summary>Bound to MRENCLAVE: only this exact build can unseal. For state no other build may read.</summary>
    Unique = 1,

    /// <summary>
    /// Bound to MRSIGNER and ISVPRODID: any build of the product from the sealer's security version up can unseal;
    /// an older build cannot. For state that must survive upgrades.
    /// </summary>
    Product = 2,
}
