using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DarkPool.Attestation.Collateral;
using DarkPool.Attestation.Identity;
using DarkPool.Attestation.Quotes;
using DarkPool.Enclave.Platform.Internal;
using DarkPool.Enclave.Sealing;
using Microsoft.Extensions.Logging;

namespace DarkPool.Enclave.Platform;

/// <summary>
/// The default platform: real formats and real checks, no isolation. Quotes carry the simulated flag and chain to a
/// test root created once per data folder (<see cref="RootCertificatePath"/> is the PEM verifiers pin); sealing keys
/// derive from a platform secret stored in the data folder; the monotonic counter is a file there. It says so in a
/// warning at start. One open platform holds its data folder exclusively until it is disposed (a second open fails
/// <see cref="PlatformOpenErrorKind.InUse"/>), so that two instances never write the counter over each other. See
/// docs/ATTESTATION.md for what this does and does not protect.
/// </summary>
public sealed class SimulatedPlatform : IEnclavePlatform, IDisposable
{
    private readonly SimulatedPlatformState _state;
    private readonly ILogger _logger;
    private readonly ECDsa _attestationKey;
    private readonly byte[] _qeAuthData;
    private readonly byte[] _qeId;
    private readonly byte[] _cpuSvn;
    private readonly ushort _qeSvn;
    private readonly ushort _pceSvn;
    private readonly SimulatedCollateralOptions _collateral;
    private readonly TimeProvider _time;
    private readonly Lock _quoteGate = new();
    private int _disposed;

    private SimulatedPlatform(SimulatedPlatformState state, EnclaveIdentity identity, SimulatedPlatformOptions options, ILogger logger)
    {
        _state = state;
        _logger = logger;
        Identity = identity;

        // As a quoting enclave does at start: a fresh attestation key, certified below by a QE report the PCK key signs.
        _attestationKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _qeAuthData = RandomNumberGenerator.GetBytes(32);
        _qeId = PlatformKeys.QeId(state.Secret);
        _cpuSvn = options.CpuSvn.IsEmpty ? new byte[QuoteLayout.Report.CpuSvnSize] : options.CpuSvn.ToArray();
        _qeSvn = options.QeSecurityVersion;
        _pceSvn = options.PceSecurityVersion;
        _collateral = options.Collateral;
        _time = options.TimeProvider;
    }

    /// <inheritdoc />
    public EnclaveIdentity Identity { get; }

    /// <inheritdoc />
    public bool IsSimulated => true;

    /// <summary>The test root CA (PEM) that verifiers of this platform's quotes must pin.</summary>
    public string RootCertificatePath => _state.RootCertificatePath;

    /// <summary>The test root CA certificate (public part only), valid until the platform is disposed.</summary>
    public X509Certificate2 RootCertificate => _state.Root;

    /// <inheritdoc />
    public uint SealKeyGeneration => checked((uint)_state.SealKeyGeneration.Value);

    /// <summary>
    /// Opens the platform on <see cref="SimulatedPlatformOptions.DataFolder"/> (creating its state when the folder is new
    /// or empty) for an enclave with <paramref name="identity"/>, which the caller obtained from <see cref="EnclaveLoader"/>.
    /// The platform holds the folder until it is disposed; meanwhile another open of the folder, in this process or
    /// another, fails <see cref="PlatformOpenErrorKind.InUse"/>.
    /// </summary>
    public static bool TryOpen(
        SimulatedPlatformOptions options,
        EnclaveIdentity identity,
        ILogger logger,
        [NotNullWhen(true)] out SimulatedPlatform? platform,
        out PlatformOpenError error)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(logger);
        if (options.CpuSvn.Length is not (0 or QuoteLayout.Report.CpuSvnSize))
        {
            throw new ArgumentException($"CPUSVN is {QuoteLayout.Report.CpuSvnSize} bytes.", nameof(options));
        }

        if (options.Fmspc.Length is not (0 or TcbInfo.FmspcSize))
        {
            throw new ArgumentException($"FMSPC is {TcbInfo.FmspcSize} bytes.", nameof(options));
        }

        ArgumentNullException.ThrowIfNull(options.Collateral);
        options.Collateral.Validate();

        platform = null;
        if (!SimulatedPlatformState.TryLoadOrCreate(options, out bool created, out SimulatedPlatformState? state, out error))
        {
            Log.PlatformOpenFailed(logger, error.Kind, error.Detail);
            return false;
        }

        if (created)
        {
            Log.SimulatedStateCreated(logger, state.Folder);
        }

        if (state.PckReissued)
        {
            Log.PckCertificateReissued(logger, Convert.ToHexString(state.Sgx.CpuSvn), state.Sgx.PceSvn, Convert.ToHexString(state.Sgx.Fmspc));
        }

        Log.SimulatedPlatformStarted(logger, state.Folder, state.RootCertificatePath);
        Log.EnclaveIdentity(logger, identity.MrEnclave.ToString(), identity.MrSigner.ToString(), identity.ProductId, identity.SecurityVersion, identity.Debug);
        platform = new SimulatedPlatform(state, identity, options, logger);
        return true;
    }

    /// <inheritdoc />
    public byte[] CreateQuote(ReadOnlySpan<byte> reportData)
    {
        ThrowIfDisposed();
        if (reportData.Length != QuoteLayout.Report.ReportDataSize)
        {
            throw new ArgumentException($"Report data is {QuoteLayout.Report.ReportDataSize} bytes.", nameof(reportData));
        }

        var header = new QuoteHeaderContent { QeSvn = _qeSvn, PceSvn = _pceSvn, QeId = _qeId, Flags = PlatformFlags.Simulated };
        ReportBodyContent enclaveReport = ReportBodyContent.ForEnclave(Identity, reportData.ToArray(), _cpuSvn);
        lock (_quoteGate)
        {
            var qeReport = new ReportBodyContent
            {
                CpuSvn = _cpuSvn,
                Attributes = EnclaveAttributes.Init | EnclaveAttributes.Mode64Bit | EnclaveAttributes.ProvisionKey,
                MrEnclave = SimulatedQuotingEnclave.MrEnclave,
                MrSigner = SimulatedQuotingEnclave.MrSigner,
                IsvProdId = SimulatedQuotingEnclave.ProductId,
                IsvSvn = _qeSvn,
                ReportData = QeReportBinding.Compute(Attestation.EcdsaP256.ExportPublicKey(_attestationKey), _qeAuthData),
            };
            return QuoteEncoder.Encode(header, enclaveReport, _attestationKey, qeReport, _state.PckKey, _qeAuthData, _state.CertificationData);
        }
    }

    /// <summary>
    /// The collateral a DCAP verifier needs for this platform's quotes (CRLs, signed TCB Info and QE Identity, the PCK
    /// chain), issued now, at the platform's clock, by the data folder's test hierarchy as
    /// <see cref="SimulatedPlatformOptions.Collateral"/> says. On hardware the same collateral comes from Intel's PCS.
    /// </summary>
    public QuoteCollateral GetCollateral()
    {
        ThrowIfDisposed();

        // The platform's keys sign here too; one signer at a time, as for quotes.
        lock (_quoteGate)
        {
            return SimulatedCollateral.Issue(_state, _collateral, _qeSvn, _time.GetUtcNow());
        }
    }

    /// <summary>
    /// A quote over <paramref name="reportData"/>, the test root (DER) and fresh collateral: what the audit CLI's
    /// <c>evidence</c> command writes (<see cref="Evidence.WriteTo"/>) for a third-party DCAP verifier.
    /// </summary>
    public Evidence CreateEvidence(ReadOnlySpan<byte> reportData) => new(CreateQuote(reportData), _state.Root.RawData, GetCollateral());

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The generation file no longer holds the value this platform last wrote.</exception>
    public uint RotateSealKeyGeneration()
    {
        ThrowIfDisposed();
        uint generation = checked((uint)_state.SealKeyGeneration.Increment());
        Log.SealKeyGenerationRotated(_logger, generation);
        return generation;
    }

    /// <inheritdoc />
    public bool TryDeriveSealingKey(SealPolicy policy, ushort securityVersion, uint generation, ReadOnlySpan<byte> keyId, Span<byte> key, out SealKeyError error)
    {
        ThrowIfDisposed();
        if (keyId.Length != PlatformKeys.KeyIdSize || key.Length < PlatformKeys.KeySize)
        {
            throw new ArgumentException($"The key id and key are {PlatformKeys.KeyIdSize} bytes.", nameof(keyId));
        }

        error = policy is not (SealPolicy.Unique or SealPolicy.Product) ? SealKeyError.UnknownPolicy
            : securityVersion > Identity.SecurityVersion ? SealKeyError.SecurityVersionTooNew
            : generation == 0 || generation > SealKeyGeneration ? SealKeyError.GenerationNotAvailable
            : SealKeyError.None;
        if (error != SealKeyError.None)
        {
            return false;
        }

        PlatformKeys.DeriveSealingKey(_state.Secret, policy, Identity, securityVersion, generation, keyId, key);
        return true;
    }

    /// <inheritdoc />
    public ulong ReadMonotonicCounter()
    {
        ThrowIfDisposed();
        return _state.Counter.Value;
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">
    /// The counter file no longer holds the value this platform last wrote (another instance wrote it, or it was
    /// replaced while the platform runs); nothing is written, so the counter never goes backwards.
    /// </exception>
    public ulong IncrementMonotonicCounter()
    {
        ThrowIfDisposed();
        return _state.Counter.Increment();
    }

    /// <summary>
    /// Forgets the attestation key, wipes the platform secret from memory and releases the data folder for the next
    /// open. Quotes, collateral, key derivation, the counter and key rotation then throw
    /// <see cref="ObjectDisposedException"/>: a disposed platform never writes to a folder another one may hold.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _attestationKey.Dispose();
        _state.Dispose();
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
}
