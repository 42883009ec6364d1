namespace DarkPool.Host;

/// <summary>The host's configuration: where its data lives and which markets exist.</summary>
public sealed record EnclaveHostOptions
{
    /// <summary>The data folder: platform state, sealed keys, sealed journal and snapshots, each in its own subfolder.</summary>
    public required string DataFolder { get; init; }

    /// <summary>
    /// The enclave's build output (the folder of DarkPool.Enclave.dll and its package assemblies); measured at start. By
    /// default the <c>enclave/</c> folder that enclave-host/EnclaveBuild.targets copies next to the host's own output.
    /// </summary>
    public string BuildFolder { get; init; } = Path.Combine(AppContext.BaseDirectory, "enclave");

    /// <summary>
    /// The markets: each one the enclave does not have yet is created at start (a journaled record); one that exists must
    /// match its configuration. A market left out is not deleted. Auction markets are uncrossed by the host's timer.
    /// </summary>
    public IReadOnlyList<MarketOptions> Markets { get; init; } = [MarketOptions.Default];

    /// <summary>
    /// How often a journaled Tick record moves enclave time forward (the heartbeat dead-man's switch fires on it, so it
    /// fires at most this late); zero turns ticks off.
    /// </summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Envelopes kept per session for stream resumption.</summary>
    public int EventsPerSession { get; init; } = 4096;

    /// <summary>
    /// The bytes of the ring every session's retained envelopes share (default 256 MiB, allocated at start and paged in as
    /// it fills): a resume finds an envelope while its session's newest <see cref="EventsPerSession"/> include it, it is
    /// younger than <see cref="EventRetention"/>, and the ring has not wrapped over it. At 20,000 answers a second the
    /// default holds the last ~38 s of every session's answers.
    /// </summary>
    public int EventLogBytes { get; init; } = Sessions.SessionEventHub.DefaultRingBytes;

    /// <summary>How long a session's envelopes stay available for stream resumption at most (memory follows recent traffic).</summary>
    public TimeSpan EventRetention { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Throws with a message naming the market and the setting when a market is invalid or an id repeats.</summary>
    /// <exception cref="InvalidOperationException">A market's settings are invalid.</exception>
    public void ValidateMarkets()
    {
        var ids = new HashSet<int>();
        foreach (MarketOptions market in Markets)
        {
            market.Validate();
            if (!ids.Add(market.Id))
            {
                throw new InvalidOperationException($"market {market.Id}: configured twice.");
            }
        }
    }
}
