using DarkPool.Protocol.Handshake;

namespace DarkPool.Client;

/// <summary>Client settings.</summary>
public sealed class DarkPoolClientOptions
{
    /// <summary>How long a request may take before its outcome is reported unknown (and its expiry inside the envelope).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the session's handshake stays valid (the enclave allows at most 10 minutes ahead).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Session options, such as cancel-on-disconnect.</summary>
    public SessionFlags Flags { get; set; }

    /// <summary>The clock (nonce lifetime, expiries).</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;
}
