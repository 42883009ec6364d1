namespace DarkPool.Attestation.Collateral;

/// <summary>The SGX type in a PCK certificate's SGX extension (ENUMERATED).</summary>
public enum SgxType
{
    /// <summary>A single-package platform whose PCK certificate the Processor CA issues.</summary>
    Standard = 0,

    /// <summary>A multi-package platform whose PCK certificate the Platform CA issues.</summary>
    Scalable = 1,

    /// <summary>Scalable, with memory integrity.</summary>
    ScalableWithIntegrity = 2,
}
