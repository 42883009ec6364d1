using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DarkPool.Attestation.Binding;
using DarkPool.Attestation.Collateral;
using DarkPool.Attestation.Identity;
using DarkPool.Attestation.Quotes;
using DarkPool.Attestation.Verification;

namespace DarkPool.Attestation.Tests.Support;

/// <summary>
/// A test platform: a PKI, an attestation key, a release key and an enclave identity, producing quotes that
/// verify under <see cref="Policy"/> unless a test changes something.
/// </summary>
internal sealed class QuoteFixture : IDisposable
{
    public static readonly DateTimeOffset Now = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public QuoteFixture(PkiOptions? pki = null)
    {
        Time = new ManualTimeProvider(Now);
        Pki = TestPki.Create(Now, pki);
        Nonces = new NonceRegistry(Time, TimeSpan.FromMinutes(5));
        Identity = new EnclaveIdentity(Sha256Hash.Compute("enclave build A"u8), SignerIdentity.FromKey(ReleaseKey), 7, 3, false);
    }

    public ManualTimeProvider Time { get; }

    public TestPki Pki { get; }

    public NonceRegistry Nonces { get; }

    public ECDsa AttestationKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public ECDsa ReleaseKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public byte[] QeAuthData { get; } = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    public byte[] KeyAgreementKey { get; } = Enumerable.Repeat((byte)0xA1, 65).ToArray();

    public byte[] SettlementKey { get; } = Enumerable.Repeat((byte)0x5E, 33).ToArray();

    public EnclaveIdentity Identity { get; }

    public VerificationPolicy Policy => VerificationPolicy.Simulation(
        Pki.Root,
        [Identity.MrEnclave],
        new SignerPolicy(Identity.MrSigner, Identity.ProductId, Identity.SecurityVersion));

    public QuoteVerifier Verifier(VerificationPolicy? policy = null) => new(policy ?? Policy, Nonces, Time);

    /// <summary>The fixture's policy, requiring collateral and accepting <paramref name="accepted"/> TCB statuses (UpToDate by default).</summary>
    public VerificationPolicy CollateralPolicy(params TcbStatus[] accepted) => new()
    {
        PinnedRoot = Pki.Root,
        QuotingEnclave = QuotingEnclavePolicy.Simulated,
        AllowedMeasurements = [Identity.MrEnclave],
        Signer = new SignerPolicy(Identity.MrSigner, Identity.ProductId, Identity.SecurityVersion),
        AllowSimulation = true,
        RequireCollateral = true,
        AcceptedTcbStatuses = accepted.Length == 0 ? [TcbStatus.UpToDate] : accepted,
    };

    /// <summary>Collateral for the fixture's quotes, signed by its hierarchy, as <paramref name="customize"/> leaves the spec.</summary>
    public QuoteCollateral Collateral(Action<CollateralSpec>? customize = null)
    {
        var spec = new CollateralSpec();
        customize?.Invoke(spec);
        DateTimeOffset thisUpdate = spec.CrlThisUpdate ?? spec.IssueDate;
        DateTimeOffset nextUpdate = spec.CrlNextUpdate ?? thisUpdate + spec.Lifetime;
        var revokedByRoot = new List<X509Certificate2>();
        if (spec.RevokeIntermediate)
        {
            revokedByRoot.Add(Pki.Intermediate);
        }

        if (spec.RevokeTcbSigning)
        {
            revokedByRoot.Add(Pki.TcbSigning);
        }

        QuoteCollateral collateral = Pki.Issuer.Issue(
            spec.TcbInfo(),
            spec.QeIdentity(),
            thisUpdate,
            nextUpdate,
            spec.RevokePck ? [Pki.Leaf] : [],
            spec.IncludePckChain ? System.Text.Encoding.ASCII.GetString(Pki.CertificationData).TrimEnd('\0') : null);
        return collateral with { RootCaCrl = Pki.Issuer.CreateRootCaCrl(revokedByRoot, thisUpdate, nextUpdate) };
    }

    /// <summary>A fresh nonce, its binding to the fixture's keys, and a quote over that binding.</summary>
    public (byte[] Quote, ReportDataBinding Binding) Issue(Action<QuoteSpec>? customize = null)
    {
        var binding = new ReportDataBinding(KeyAgreementKey, SettlementKey, Nonces.Issue());
        var spec = new QuoteSpec { Identity = Identity, ReportData = binding.ToReportData() };
        customize?.Invoke(spec);
        return (Encode(spec), binding);
    }

    public byte[] Encode(QuoteSpec spec)
    {
        var header = new QuoteHeaderContent
        {
            QeSvn = spec.QeSvn,
            PceSvn = 13,
            QeId = Enumerable.Repeat((byte)0x42, 16).ToArray(),
            Flags = spec.Flags,
            QeVendorId = spec.QeVendorId ?? QuoteLayout.IntelQeVendorId.ToArray(),
        };
        var qeAttributes = EnclaveAttributes.Init | EnclaveAttributes.Mode64Bit | EnclaveAttributes.ProvisionKey;
        var qeReport = new ReportBodyContent
        {
            Attributes = spec.QeDebug ? qeAttributes | EnclaveAttributes.Debug : qeAttributes,
            MrEnclave = SimulatedQuotingEnclave.MrEnclave,
            MrSigner = spec.QeMrSigner,
            IsvProdId = spec.QeProductId,
            IsvSvn = spec.QeSvn,
            ReportData = spec.QeReportData ?? QeReportBinding.Compute(EcdsaP256.ExportPublicKey(AttestationKey), QeAuthData),
        };
        return QuoteEncoder.Encode(
            header,
            ReportBodyContent.ForEnclave(spec.Identity, spec.ReportData, new byte[16]),
            AttestationKey,
            qeReport,
            spec.QeReportSigner ?? Pki.LeafKey,
            QeAuthData,
            spec.CertificationData ?? Pki.CertificationData);
    }

    public void Dispose()
    {
        Pki.Dispose();
        AttestationKey.Dispose();
        ReleaseKey.Dispose();
    }
}
