using DarkPool.Enclave.Core;
using DarkPool.Enclave.Journal;
using DarkPool.Enclave.Pipeline;
using DarkPool.Enclave.Storage;

namespace DarkPool.Enclave.Runtime;

/// <summary>Where the enclave keeps its state and how it runs.</summary>
public sealed record EnclaveRuntimeOptions
{
    /// <summary>The simulated platform's own folder (its secret, test hierarchy, counter).</summary>
    public required string PlatformFolder { get; init; }

    /// <summary>Where the host stores the sealed journal and snapshots (the host owns the files, not their contents).</summary>
    public required IDataFolder JournalFolder { get; init; }

    /// <summary>Where the host stores the sealed enclave keys blob.</summary>
    public required IDataFolder KeyFolder { get; init; }

    /// <summary>The enclave's build output (the folder holding DarkPool.Enclave.dll): it is measured at start.</summary>
    public required string BuildFolder { get; init; }

    /// <summary>
    /// The release manifest granting the build its identity. Null: in simulation only, a development release key kept in
    /// <see cref="KeyFolder"/> signs a manifest for whatever was measured (docs/ATTESTATION.md).
    /// </summary>
    public byte[]? Manifest { get; init; }

    /// <summary>Engine and session limits.</summary>
    public EnclaveCoreOptions Core { get; init; } = new();

    /// <summary>Journal settings.</summary>
    public JournalOptions Journal { get; init; } = new();

    /// <summary>Pipeline settings.</summary>
    public EnclavePipelineOptions Pipeline { get; init; } = new();
}
