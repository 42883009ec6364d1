using System.Security.Cryptography.X509Certificates;
using DarkPool.Attestation.Collateral;
using DarkPool.Attestation.Identity;

namespace DarkPool.Enclave.Platform.Internal;

/// <summary>
/// The simulated platform's collateral, issued on demand as Intel's PCS would serve it for this platform: a TCB Info
/// for its FMSPC whose levels give its TCB the configured status, a QE Identity for the simulated quoting enclave,
/// and CRLs (the PCK certificate listed when configured revoked). Issued at the platform's clock, to the second.
/// </summary>
internal static class SimulatedCollateral
{
    /// <summary>The advisory the simulation attaches to every level that is not up to date.</summary>
    public const string AdvisoryId = "DARKPOOL-SIM-00001";

    // Intel's QE Identity values: MISCSELECT 0 under a full mask; ATTRIBUTES INIT | PROVISIONKEY, the mask ignoring
    // MODE64BIT and XFRM. The simulated QE reports INIT | MODE64BIT | PROVISIONKEY, which matches under this mask.
    private static readonly byte[] QeAttributes = Convert.FromHexString("11000000000000000000000000000000");
    private static readonly byte[] QeAttributesMask = Convert.FromHexString("FBFFFFFFFFFFFFFF0000000000000000");

    public static QuoteCollateral Issue(SimulatedPlatformState state, SimulatedCollateralOptions options, ushort qeSvn, DateTimeOffset now)
    {
        DateTimeOffset issued = new(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        DateTimeOffset tcbDate = new(issued.UtcDateTime.Date, TimeSpan.Zero);
        SgxPckExtension sgx = state.Sgx;
        var tcbInfo = new TcbInfo
        {
            IssueDate = issued,
            NextUpdate = issued + options.TcbInfoLifetime,
            Fmspc = sgx.Fmspc.ToArray(),
            PceId = sgx.PceId.ToArray(),
            TcbEvaluationDataNumber = options.TcbEvaluationDataNumber,
            Levels = PlatformLevels(sgx, options.PlatformTcbStatus, tcbDate),
        };
        var qeIdentity = new QeIdentity
        {
            IssueDate = issued,
            NextUpdate = issued + options.QeIdentityLifetime,
            TcbEvaluationDataNumber = options.TcbEvaluationDataNumber,
            MiscSelect = 0,
            MiscSelectMask = uint.MaxValue,
            Attributes = QeAttributes,
            AttributesMask = QeAttributesMask,
            MrSigner = SimulatedQuotingEnclave.MrSigner,
            IsvProdId = SimulatedQuotingEnclave.ProductId,
            Levels = QeLevels(qeSvn, options.QeTcbStatus, tcbDate),
        };
        X509Certificate2[] revoked = options.PckCertificateRevoked ? [state.Pki.Pck] : [];
        return state.Pki.CreateIssuer().Issue(
            tcbInfo,
            qeIdentity,
            issued,
            issued + options.CrlLifetime,
            revoked,
            System.Text.Encoding.ASCII.GetString(state.CertificationData));
    }

    private static TcbLevel[] PlatformLevels(SgxPckExtension sgx, TcbStatus status, DateTimeOffset tcbDate)
    {
        var own = new TcbLevel(sgx.TcbComponents, sgx.PceSvn, tcbDate, status, status == TcbStatus.UpToDate ? [] : [AdvisoryId]);
        return status == TcbStatus.UpToDate || sgx.PceSvn == ushort.MaxValue
            ? [own]
            : [new TcbLevel(sgx.TcbComponents, (ushort)(sgx.PceSvn + 1), tcbDate, TcbStatus.UpToDate), own];
    }

    private static QeTcbLevel[] QeLevels(ushort qeSvn, TcbStatus status, DateTimeOffset tcbDate)
    {
        var own = new QeTcbLevel(qeSvn, tcbDate, status, status == TcbStatus.UpToDate ? [] : [AdvisoryId]);
        return status == TcbStatus.UpToDate || qeSvn == ushort.MaxValue
            ? [own]
            : [new QeTcbLevel((ushort)(qeSvn + 1), tcbDate, TcbStatus.UpToDate), own];
    }
}
