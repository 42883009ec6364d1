namespace DarkPool.Gateway;

/// <summary>The gateway's limits (docs/GATEWAY.md). Bound from configuration section "Gateway".</summary>
public sealed class GatewayOptions
{
    /// <summary>Largest message a client may send, bytes (gRPC's default is 4 MB; an envelope is ~1 KB at most).</summary>
    public int MaxReceiveMessageSize { get; set; } = 16 * 1024;

    /// <summary>Largest message the gateway sends, bytes (a reply carries a few envelopes).</summary>
    public int MaxSendMessageSize { get; set; } = 256 * 1024;

    /// <summary>Sealed requests per second a session may send (token bucket, burst = one second's worth).</summary>
    public double RequestsPerSecondPerSession { get; set; } = 2_000;

    /// <summary>Calls per second one connection (peer) may make, all methods together.</summary>
    public double CallsPerSecondPerConnection { get; set; } = 20_000;

    /// <summary>
    /// Attestation evidence requests per second one connection may make (each one signs a fresh quote; a client needs one
    /// per connect). Token bucket, burst = one second's worth.
    /// </summary>
    public double EvidencePerSecondPerConnection { get; set; } = 50;

    /// <summary>Events queued per stream subscriber before a slow reader's stream is ended (it resumes).</summary>
    public int StreamQueueCapacity { get; set; } = 1024;

    /// <summary>
    /// Request envelopes a <c>Requests.Stream</c> call may have in the enclave or waiting to be written back before the
    /// gateway stops reading that stream's requests (backpressure per stream). It also caps one stream's share of the
    /// enclave's queue, which every other session's request waits behind (docs/PERFORMANCE.md, "Market makers").
    /// </summary>
    public int StreamInFlight { get; set; } = 256;

    /// <summary>
    /// Request envelopes all <c>Requests.Stream</c> calls together may have inside the enclave at once: how far the
    /// market makers as a group can get ahead of everyone else's requests in the enclave's one queue.
    /// </summary>
    public int StreamInFlightTotal { get; set; } = 128;

    /// <summary>Throws when a setting is out of range (checked at start).</summary>
    public void Validate()
    {
        if (MaxReceiveMessageSize < 2048 || MaxSendMessageSize < 2048)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxReceiveMessageSize), "Message size limits must allow at least one bulk envelope (2,048 bytes).");
        }

        if (!double.IsFinite(RequestsPerSecondPerSession) || RequestsPerSecondPerSession <= 0
            || !double.IsFinite(CallsPerSecondPerConnection) || CallsPerSecondPerConnection <= 0
            || !double.IsFinite(EvidencePerSecondPerConnection) || EvidencePerSecondPerConnection <= 0 || StreamQueueCapacity < 1
            || StreamInFlight < 1 || StreamInFlightTotal < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(RequestsPerSecondPerSession), "Rate limits must be positive finite numbers and the stream queue and in-flight limit at least 1.");
        }
    }
}
