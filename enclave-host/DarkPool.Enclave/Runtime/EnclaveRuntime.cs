using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using DarkPool.Attestation.Binding;
using DarkPool.Attestation.Identity;
using DarkPool.Attestation.Measurement;
using DarkPool.Enclave.Core;
using DarkPool.Enclave.Journal;
using DarkPool.Enclave.Pipeline;
using DarkPool.Enclave.Platform;
using DarkPool.Enclave.Sealing;
using DarkPool.Enclave.Sessions;
using Microsoft.Extensions.Logging;

namespace DarkPool.Enclave.Runtime;

/// <summary>
/// The enclave as the host sees it: the ecall surface, bytes in and bytes out. Starting it measures the build, opens the
/// platform, unseals (or creates) the enclave's keys, recovers the journal into a fresh core and starts the pipeline.
/// </summary>
public sealed class EnclaveRuntime : IDisposable
{
    private readonly SimulatedPlatform _platform;
    private readonly EnclaveKeys _keys;
    private readonly EnclaveKeyAgreementKey _keyAgreement;
    private readonly QuoteRegistry _quotes = new();
    private readonly EnclaveCore _core;
    private readonly SealedJournal _journal;
    private readonly EnclavePipeline _pipeline;
    private readonly byte[] _settlementPublicKey;

    private EnclaveRuntime(SimulatedPlatform platform, EnclaveKeys keys, EnclaveCore core, SealedJournal journal, JournalRecovery recovery, ISessionOutbox outbox, EnclavePipelineOptions options)
    {
        _platform = platform;
        _keys = keys;
        _core = core;
        _journal = journal;
        Recovery = recovery;
        _keyAgreement = EnclaveKeyAgreementKey.Generate();
        _settlementPublicKey = keys.Settlement.PublicKey.ToArray();
        RecoveredSessions = core.Sessions.OpenSessionCursors();
        RecoveredMarkets = [.. core.Engine.GetMarketDefinitions().Select(m => new MarketDefinition(
            m.Market, m.Asset, m.QuoteAsset, m.TickSize, m.LotSize, m.MakerFeeBps, m.TakerFeeBps, (byte)m.Mode, m.MaxReferenceAge))];
        MarketIdLimit = core.Engine.Options.MaxMarkets;
        AssetIdLimit = core.Engine.Options.MaxAssets;
        // Every start seals under a new nonce epoch: the counter only ever grows, and this start's value exceeds every value
        // an earlier start used (docs/PROTOCOL.md §4).
        core.Sessions.NonceEpoch = unchecked((uint)recovery.CounterValue);
        _pipeline = EnclavePipeline.Start(core, journal, outbox, new HandshakeVerifier(_keyAgreement, _quotes), options);
        Settlement = new Settlement.SettlementSigner(core, journal, _pipeline, keys.SettlementPrivateKey);
    }

    /// <summary>Settlement: deposit cursor, batch cutting and signing, the rollback check (off the sequencer thread).</summary>
    public Settlement.SettlementSigner Settlement { get; }

    /// <summary>The identity the quote reports (MRENCLAVE is the measurement of the build).</summary>
    public EnclaveIdentity Identity => _platform.Identity;

    /// <summary>True: the only platform today is the simulation (docs/ATTESTATION.md §11).</summary>
    public bool IsSimulated => _platform.IsSimulated;

    /// <summary>The exported test root a verifier pins (simulation).</summary>
    public string RootCertificatePath => _platform.RootCertificatePath;

    /// <summary>What recovery found at start.</summary>
    public JournalRecovery Recovery { get; }

    /// <summary>
    /// The sessions open after recovery and the response sequence each continues from: the host's event logs start
    /// there. Read once, before requests flow (the core is the sequencer's afterwards).
    /// </summary>
    public IReadOnlyList<(DarkPool.Protocol.SessionId Session, ulong NextResponseSequence)> RecoveredSessions { get; }

    /// <summary>
    /// The markets that exist after recovery, as their CreateMarket records define them: market definitions are public,
    /// and the host checks its configuration against them. Read once, at start.
    /// </summary>
    public IReadOnlyList<MarketDefinition> RecoveredMarkets { get; }

    /// <summary>Market ids run from 0 to this limit, exclusive (the engine's market table): a market beyond it cannot be created.</summary>
    public int MarketIdLimit { get; }

    /// <summary>Asset ids run from 0 to this limit, exclusive (the ledger's columns): a market trading an asset beyond it cannot be created.</summary>
    public int AssetIdLimit { get; }

    /// <summary>The request path.</summary>
    public EnclavePipeline Pipeline => _pipeline;

    /// <summary>The enclave's settlement signing key (secp256k1, SEC1 uncompressed); its address signs batches.</summary>
    public ReadOnlySpan<byte> SettlementPublicKey => _settlementPublicKey;

    /// <summary>Starts the enclave, or says why it cannot (a clear sentence, never key material).</summary>
    public static bool TryStart(EnclaveRuntimeOptions options, ISessionOutbox outbox, ILogger logger, [NotNullWhen(true)] out EnclaveRuntime? runtime, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(logger);
        runtime = null;
        if (!MeasurementCalculator.TryMeasure(options.BuildFolder, EnclaveLoader.EnclaveAssemblyFileName, out MeasurementReport? report, out MeasurementError measureError))
        {
            error = $"the enclave build in {options.BuildFolder} cannot be measured: {measureError.Kind}: {measureError.Detail}";
            return false;
        }

        // The platform is opened first with a provisional identity only to reach the sealing keys of the development
        // release key; the enclave then runs under the identity its manifest grants.
        SimulatedPlatform? platform = null;
        EnclaveKeys? keys = null;
        try
        {
            byte[] manifest = options.Manifest ?? DevelopmentManifest(options, report.Measurement, out keys);
            if (!EnclaveLoader.TryLoadIdentity(options.BuildFolder, manifest, out EnclaveIdentity? identity, out EnclaveLoadError loadError))
            {
                error = $"the enclave build is not the one its manifest was signed for: {loadError.Kind}: {loadError.Detail}";
                keys?.Dispose();
                return false;
            }

            if (!SimulatedPlatform.TryOpen(new SimulatedPlatformOptions { DataFolder = options.PlatformFolder }, identity, logger, out platform, out PlatformOpenError platformError))
            {
                error = $"the simulated platform refused to start: {platformError.Kind}: {platformError.Detail}";
                keys?.Dispose();
                return false;
            }

            keys ??= EnclaveKeys.LoadOrCreate(options.KeyFolder, new Sealer(platform), options.JournalFolder.ListFiles().Count > 0);
            var core = new EnclaveCore(options.Core);
            if (!SealedJournal.TryOpen(options.JournalFolder, platform, core, options.Journal, out SealedJournal? journal, out JournalRecovery? recovery, out JournalOpenError journalError))
            {
                core.Dispose();
                keys.Dispose();
                platform.Dispose();
                error = $"the journal refused to start: {journalError.Kind}: {journalError.Detail}";
                return false;
            }

            try
            {
                // A failed prune leaves old segments behind to fill the disk: the operator hears of it (the failure's
                // kind and message only: file names, no state).
                EnclavePipelineOptions pipeline = options.Pipeline.OnSnapshotPruneFailed is null
                    ? options.Pipeline with { OnSnapshotPruneFailed = e => Log.JournalPruneFailed(logger, e.GetType().Name, e.Message) }
                    : options.Pipeline;
                runtime = new EnclaveRuntime(platform, keys, core, journal, recovery, outbox, pipeline);
            }
            catch
            {
                journal.Dispose();
                core.Dispose();
                throw;
            }

            error = null;
            return true;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            keys?.Dispose();
            platform?.Dispose();
            error = $"the enclave did not start: {e.Message}";
            return false;
        }
    }

    /// <summary>
    /// Evidence over the enclave's keys and the verifier's 32-byte <paramref name="nonce"/>. The quote is remembered, so
    /// that a handshake naming its hash is accepted.
    /// </summary>
    /// <exception cref="ArgumentException">The nonce is not 32 bytes.</exception>
    public EnclaveEvidence GetEvidence(ReadOnlySpan<byte> nonce)
    {
        if (nonce.Length != ReportDataBinding.NonceSize)
        {
            throw new ArgumentException($"A nonce is {ReportDataBinding.NonceSize} bytes.", nameof(nonce));
        }

        byte[] reportData = new ReportDataBinding(_keyAgreement.PublicKey, _settlementPublicKey, nonce).ToReportData();
        byte[] quote = _platform.CreateQuote(reportData);
        _quotes.Register(quote);
        return new EnclaveEvidence(quote, _platform.RootCertificate.RawData, _platform.GetCollateral().ToJson(),
            _keyAgreement.PublicKey.ToArray(), _settlementPublicKey.ToArray(), _platform.IsSimulated);
    }

    /// <summary>Stops the pipeline, then the journal, then the platform.</summary>
    public void Dispose()
    {
        _pipeline.Dispose();
        Settlement.Dispose();
        _journal.Dispose();
        _core.Dispose();
        _keyAgreement.Dispose();
        _keys.Dispose();
        _platform.Dispose();
    }

    /// <summary>
    /// Simulation without a release manifest: a development release key, created once and sealed in the key folder,
    /// signs a manifest for the measured build. To reach its sealing key the platform is opened under a provisional
    /// identity (signer = that key) and closed again.
    /// </summary>
    private static byte[] DevelopmentManifest(EnclaveRuntimeOptions options, Sha256Hash measurement, out EnclaveKeys? keys)
    {
        // The release key's own sealing cannot depend on the release key: it is sealed under a fixed development signer.
        var provisional = new EnclaveIdentity(measurement, Sha256Hash.Compute("DarkPool development signer"u8), 1, 1, false);
        // Silent: the platform is opened for real, and says so in the log, right after.
        if (!SimulatedPlatform.TryOpen(new SimulatedPlatformOptions { DataFolder = options.PlatformFolder }, provisional, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, out SimulatedPlatform? platform, out PlatformOpenError error))
        {
            throw new InvalidDataException($"the simulated platform refused to start: {error.Kind}: {error.Detail}");
        }

        using (platform)
        {
            keys = EnclaveKeys.LoadOrCreate(options.KeyFolder, new Sealer(platform), options.JournalFolder.ListFiles().Count > 0);
            using ECDsa release = keys.ReleaseKey();
            return EnclaveManifest.Sign(measurement, productId: 1, securityVersion: 1, debug: false, release);
        }
    }
}
