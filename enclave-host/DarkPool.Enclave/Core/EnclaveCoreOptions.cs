using DarkPool.Engine;
using DarkPool.Enclave.Sessions;

namespace DarkPool.Enclave.Core;

/// <summary>How the enclave's state machine is sized.</summary>
public sealed record EnclaveCoreOptions
{
    /// <summary>The matching engine's options.</summary>
    public EngineOptions Engine { get; init; } = new();

    /// <summary>The session table's options.</summary>
    public SessionTableOptions Sessions { get; init; } = new();
}
