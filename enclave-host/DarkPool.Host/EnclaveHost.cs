using System.Diagnostics.CodeAnalysis;
using DarkPool.Enclave.Core;
using DarkPool.Enclave.Pipeline;
using DarkPool.Enclave.Runtime;
using DarkPool.Host.Sessions;
using DarkPool.Host.Settlement;
using DarkPool.Host.Storage;
using DarkPool.Protocol;
using Microsoft.Extensions.Logging;

namespace DarkPool.Host;

/// <summary>
/// The untrusted host around one enclave: it gives the enclave folders to keep its sealed blobs in, passes handshakes
/// and envelopes in as bytes, and keeps each session's sealed answers for its event stream. It reads none of them.
/// </summary>
public sealed class EnclaveHost : IDisposable
{
    private readonly EnclaveRuntime _runtime;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _announced = new();
    private EnclaveTicker? _ticker;

    /// <summary>The thread below the process's priority that a snapshot's background work runs on.</summary>
    private LowPriorityScheduler? _snapshots;
    private AuctionTimer[] _auctions = [];

    private EnclaveHost(EnclaveRuntime runtime, SessionEventHub events, string dataFolder)
    {
        _runtime = runtime;
        Events = events;
        DataFolder = dataFolder;
    }

    /// <summary>The data folder.</summary>
    public string DataFolder { get; }

    /// <summary>Sessions' sealed answers and events, for streaming.</summary>
    public SessionEventHub Events { get; }

    /// <summary>The enclave measurement (MRENCLAVE), hex.</summary>
    public string Measurement => _runtime.Identity.MrEnclave.ToString();

    /// <summary>True on the simulated platform.</summary>
    public bool IsSimulated => _runtime.IsSimulated;

    /// <summary>The platform root a verifier pins (simulation: the data folder's test root).</summary>
    public string RootCertificatePath => _runtime.RootCertificatePath;

    /// <summary>The enclave's settlement key as an Ethereum address: the key governance registers on the chain.</summary>
    public DarkPool.Chain.EthAddress SettlementAddress
    {
        get
        {
            Span<byte> address = stackalloc byte[DarkPool.Protocol.Accounts.AccountAddress.Size];
            DarkPool.Protocol.Accounts.AccountAddress.FromPublicKey(_runtime.SettlementPublicKey).WriteTo(address);
            return DarkPool.Chain.EthAddress.FromBytes(address);
        }
    }

    /// <summary>The enclave's settlement surface: the relay's only way to settlement (Settlement/SettlementRelay.cs).</summary>
    public DarkPool.Enclave.Settlement.SettlementSigner Settlement => _runtime.Settlement;

    /// <summary>Journal records recovered at start.</summary>
    public long RecoveredSequence => _runtime.Recovery.Head.Sequence;

    /// <summary>
    /// Starts the enclave on the data folder, creates the configured markets it does not have yet (refusing to start if a
    /// configured market differs from the existing one of that id), and starts the tick and auction timers.
    /// </summary>
    public static bool TryStart(EnclaveHostOptions options, ILogger logger, [NotNullWhen(true)] out EnclaveHost? host, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(options);
        host = null;
        try
        {
            options.ValidateMarkets();
        }
        catch (InvalidOperationException e)
        {
            error = e.Message;
            return false;
        }

        if (options.EventLogBytes < EnvelopeRing.MinimumCapacity || options.EventLogBytes > Array.MaxLength || options.EventsPerSession < 1)
        {
            error = $"EventLogBytes must be {EnvelopeRing.MinimumCapacity} to {Array.MaxLength} and EventsPerSession at least 1.";
            return false;
        }

        string root = Path.GetFullPath(options.DataFolder);
        var events = new SessionEventHub(options.EventsPerSession, options.EventRetention, ringBytes: options.EventLogBytes);
        LowPriorityScheduler? snapshots = null;
        try
        {
            snapshots = new LowPriorityScheduler("enclave-snapshots");
            var runtimeOptions = new EnclaveRuntimeOptions
            {
                PlatformFolder = Path.Combine(root, "platform"),
                JournalFolder = new FileDataFolder(Path.Combine(root, "journal")),
                KeyFolder = new FileDataFolder(Path.Combine(root, "keys")),
                BuildFolder = options.BuildFolder,
                Pipeline = new EnclavePipelineOptions { SnapshotScheduler = snapshots },
            };
            if (!EnclaveRuntime.TryStart(runtimeOptions, events, logger, out EnclaveRuntime? runtime, out error))
            {
                snapshots.Dispose();
                return false;
            }

            host = new EnclaveHost(runtime, events, root) { _snapshots = snapshots };
            snapshots = null;
            foreach ((SessionId session, ulong next) in runtime.RecoveredSessions)
            {
                events.Open(session, next);
            }

            error = CreateMissingMarkets(runtime, options.Markets);
            if (error is not null)
            {
                host.Dispose();
                host = null;
                return false;
            }

            if (options.TickInterval > TimeSpan.Zero)
            {
                host._ticker = new EnclaveTicker(record => runtime.Pipeline.SubmitOperatorAsync(record), options.TickInterval);
            }

            host._auctions = AuctionTimer.StartAll(options.Markets, record => runtime.Pipeline.SubmitOperatorAsync(record));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            host?.Dispose();
            host = null;
            snapshots?.Dispose();
            error = $"the data folder {root} is not usable: {e.Message}";
            return false;
        }
        catch
        {
            host?.Dispose();
            snapshots?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A journaled CreateMarket record for each configured market the enclave does not have; an error naming the market
    /// and the setting if a configured market differs from the existing one. Markets no longer configured stay.
    /// </summary>
    private static string? CreateMissingMarkets(EnclaveRuntime runtime, IReadOnlyList<MarketOptions> markets)
    {
        // The engine would refuse a market beyond its limits without a word on the reply: say so before anything is journaled.
        foreach (MarketOptions m in markets)
        {
            if (m.Id >= runtime.MarketIdLimit)
            {
                return $"market {m.Id}: Id must be below {runtime.MarketIdLimit} (the enclave's market limit).";
            }

            if (m.BaseAsset >= runtime.AssetIdLimit || m.QuoteAsset >= runtime.AssetIdLimit)
            {
                return $"market {m.Id}: BaseAsset {m.BaseAsset} and QuoteAsset {m.QuoteAsset} must be below {runtime.AssetIdLimit} (the enclave's asset limit).";
            }
        }

        var existing = runtime.RecoveredMarkets.ToDictionary(d => d.Id);
        foreach (MarketOptions m in markets)
        {
            if (existing.TryGetValue(m.Id, out MarketDefinition definition))
            {
                string? difference = m.DifferenceFrom(definition);
                if (difference is not null)
                {
                    return difference;
                }

                continue;
            }

            EnclaveReply created = runtime.Pipeline.SubmitOperatorAsync(m.ToCreateMarketRecord()).GetAwaiter().GetResult();
            if (created.Status != ReplyStatus.Done)
            {
                return $"market {m.Id} could not be created ({created.Status})";
            }
        }

        return null;
    }

    /// <summary>Evidence for a verifier's 32-byte nonce.</summary>
    public EnclaveEvidence GetEvidence(ReadOnlySpan<byte> nonce) => _runtime.GetEvidence(nonce);

    /// <summary>True once the enclave stopped (its journal failed): nothing more is accepted until a restart.</summary>
    public bool IsStopped => _runtime.Pipeline.IsStopped;

    /// <summary>What snapshots have cost the sequencer so far: count, newest and longest pause, newest size.</summary>
    public DarkPool.Enclave.Pipeline.SnapshotPauses SnapshotPauses => _runtime.Pipeline.SnapshotPauses;

    /// <summary>How many snapshots were taken in two steps and how many waited for the engine image (the pipeline's counters).</summary>
    public (int InTwoSteps, int Deferred) SnapshotSteps => (_runtime.Pipeline.SnapshotsInTwoSteps, _runtime.Pipeline.SnapshotsDeferred);

    /// <summary>How many snapshots were sealed, written and made durable so far (they are written in the background).</summary>
    public int SnapshotsWritten => _runtime.Pipeline.SnapshotsWritten;

    /// <summary>A client's handshake message; an opened session gets its event log.</summary>
    public async Task<EnclaveReply> OpenSessionAsync(byte[] handshake)
    {
        EnclaveReply reply = await _runtime.Pipeline.SubmitHandshakeAsync(handshake).ConfigureAwait(false);
        if (reply.Status == ReplyStatus.Done)
        {
            Events.Open(reply.Session, 1);
            await AnnounceAccountKeyAsync(handshake).ConfigureAwait(false);
        }

        return reply;
    }

    /// <summary>
    /// The account's public key from a handshake that opened a session, journaled once per account and start, so the
    /// enclave can encrypt the account's settlement entries to it (the enclave checks that it hashes to the account).
    /// </summary>
    private async Task AnnounceAccountKeyAsync(byte[] handshake)
    {
        const int offset = DarkPool.Protocol.Handshake.HandshakeLayout.Message.AccountKeyOffset;
        const int size = DarkPool.Protocol.Accounts.AccountKeys.PublicKeySize;
        if (handshake.Length >= offset + size && _announced.TryAdd(Convert.ToHexString(handshake, offset, size), 0))
        {
            _ = await _runtime.Pipeline.SubmitOperatorAsync(DarkPool.Enclave.Settlement.SettlementRecords.AccountKey(0, handshake.AsSpan(offset, size))).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A sealed request, copied into the enclave's ring before this returns (the caller's buffer is free again); its
    /// durable answers are also added to the session's event log.
    /// </summary>
    public Task<EnclaveReply> SubmitAsync(ReadOnlySpan<byte> envelope) => RecordAsync(_runtime.Pipeline.SubmitEnvelopeAsync(envelope));

    private async Task<EnclaveReply> RecordAsync(Task<EnclaveReply> submitted)
    {
        EnclaveReply reply = await submitted.ConfigureAwait(false);
        if (reply.Status == ReplyStatus.Done && reply.Envelopes.Count > 0)
        {
            Events.Record(reply.Session, reply.Envelopes);
        }

        return reply;
    }

    /// <summary>An operator record (deposits relayed from the chain, reference prices, timers).</summary>
    public Task<EnclaveReply> SubmitOperatorAsync(byte[] record) => _runtime.Pipeline.SubmitOperatorAsync(record);

    /// <summary>A session's connection dropped: journaled, so cancel-on-disconnect takes effect and replays.</summary>
    public Task<EnclaveReply> DisconnectedAsync(SessionId session) => _runtime.Pipeline.SubmitOperatorAsync(EnclaveRecords.Disconnect(0, session));

    /// <summary>Takes a sealed snapshot of the whole enclave state now (it is also taken every so many records).</summary>
    public Task SnapshotAsync() => _runtime.Pipeline.SnapshotAsync();

    /// <summary>Stops the enclave.</summary>
    public void Dispose()
    {
        _ticker?.Dispose();
        foreach (AuctionTimer auction in _auctions)
        {
            auction.Dispose();
        }

        _runtime.Dispose();
        _snapshots?.Dispose(); // after the pipeline, which waits for the snapshot work queued on it
    }
}
