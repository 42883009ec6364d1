namespace DarkPool.Attestation.Measurement;

/// <summary>Why a build output cannot be measured.</summary>
public enum MeasurementErrorKind
{
    /// <summary>Measured.</summary>
    None = 0,

    /// <summary>The folder or the entry assembly does not exist.</summary>
    NotFound,

    /// <summary>A file in the closure is not a .NET assembly.</summary>
    NotAnAssembly,

    /// <summary>A referenced assembly is neither in the folder nor part of the shared framework.</summary>
    UnresolvedReference,
}
