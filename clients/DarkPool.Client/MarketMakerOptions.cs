using DarkPool.Protocol.Messages.Requests;

namespace DarkPool.Client;

/// <summary>Market-maker session settings (docs/GATEWAY.md, "Market makers").</summary>
public sealed class MarketMakerOptions
{
    /// <summary>Cancel every order of the account when the stream ends (chosen for the session at its handshake). On by default.</summary>
    public bool CancelOnDisconnect { get; set; } = true;

    /// <summary>
    /// The dead-man's switch: if the enclave sees no heartbeat for this long, it cancels the account's orders. Whole
    /// seconds, 1 s to 1 h; null leaves the switch off. The client sends heartbeats by itself every
    /// <see cref="HeartbeatInterval"/>.
    /// </summary>
    public TimeSpan? DeadManTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often heartbeats are sent; by default a third of <see cref="DeadManTimeout"/>.</summary>
    public TimeSpan? HeartbeatInterval { get; set; }

    /// <summary>How long a request may take before its outcome is reported unknown (and its expiry inside the envelope).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the session's handshake stays valid (the enclave allows at most 10 minutes ahead).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The clock (nonce lifetime, expiries, heartbeats' client time).</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        if (DeadManTimeout is { } timeout
            && (timeout < TimeSpan.FromSeconds(1) || timeout > TimeSpan.FromSeconds(Heartbeat.MaxCancelAfterSeconds) || timeout.Ticks % TimeSpan.TicksPerSecond != 0))
        {
            throw new ArgumentOutOfRangeException(nameof(DeadManTimeout), timeout, "The dead-man's switch takes whole seconds from 1 to 3,600.");
        }

        if (HeartbeatInterval is { } interval && (interval <= TimeSpan.Zero || (DeadManTimeout is { } t && interval >= t)))
        {
            throw new ArgumentOutOfRangeException(nameof(HeartbeatInterval), interval, "Heartbeats must come more often than the dead-man's timeout.");
        }

        if (RequestTimeout <= TimeSpan.Zero || SessionLifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RequestTimeout), "Timeouts must be positive.");
        }

        ArgumentNullException.ThrowIfNull(Time);
    }
}
