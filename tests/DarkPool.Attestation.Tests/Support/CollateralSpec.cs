using DarkPool.Attestation.Collateral;
using DarkPool.Attestation.Identity;

namespace DarkPool.Attestation.Tests.Support;

/// <summary>
/// Everything a test may change about the collateral before the fixture's hierarchy signs it. The defaults match the
/// fixture's PCK leaf (FMSPC, PCE-ID, TCB) and quoting enclave, so the collateral verifies as UpToDate.
/// </summary>
internal sealed class CollateralSpec
{
    public static readonly DateTimeOffset TcbDate = new(2030, 1, 15, 0, 0, 0, TimeSpan.Zero);

    public DateTimeOffset IssueDate { get; set; } = QuoteFixture.Now.AddDays(-1);

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(30);

    public DateTimeOffset? QeIdentityIssueDate { get; set; }

    public TimeSpan? QeIdentityLifetime { get; set; }

    public DateTimeOffset? CrlThisUpdate { get; set; }

    public DateTimeOffset? CrlNextUpdate { get; set; }

    public byte[] Fmspc { get; set; } = TestPki.Fmspc;

    public byte[] PceId { get; set; } = TestPki.PceId;

    public List<TcbLevel> TcbLevels { get; set; } = [Level(new PkiOptions().CpuSvn, 13, TcbStatus.UpToDate)];

    public List<QeTcbLevel> QeLevels { get; set; } = [new QeTcbLevel(8, TcbDate, TcbStatus.UpToDate)];

    public Sha256Hash QeMrSigner { get; set; } = SimulatedQuotingEnclave.MrSigner;

    public ushort QeProductId { get; set; } = SimulatedQuotingEnclave.ProductId;

    public uint MiscSelect { get; set; }

    public uint MiscSelectMask { get; set; } = uint.MaxValue;

    public byte[] QeAttributes { get; set; } = Convert.FromHexString("11000000000000000000000000000000");

    public byte[] QeAttributesMask { get; set; } = Convert.FromHexString("FBFFFFFFFFFFFFFF0000000000000000");

    public bool RevokePck { get; set; }

    public bool RevokeIntermediate { get; set; }

    public bool RevokeTcbSigning { get; set; }

    public bool IncludePckChain { get; set; } = true;

    public static TcbLevel Level(byte[] components, ushort pceSvn, TcbStatus status, params string[] advisories) =>
        new(components, pceSvn, TcbDate, status, advisories);

    public TcbInfo TcbInfo() => new()
    {
        IssueDate = IssueDate,
        NextUpdate = IssueDate + Lifetime,
        Fmspc = Fmspc,
        PceId = PceId,
        TcbEvaluationDataNumber = 17,
        Levels = TcbLevels,
    };

    public QeIdentity QeIdentity() => new()
    {
        IssueDate = QeIdentityIssueDate ?? IssueDate,
        NextUpdate = (QeIdentityIssueDate ?? IssueDate) + (QeIdentityLifetime ?? Lifetime),
        TcbEvaluationDataNumber = 17,
        MiscSelect = MiscSelect,
        MiscSelectMask = MiscSelectMask,
        Attributes = QeAttributes,
        AttributesMask = QeAttributesMask,
        MrSigner = QeMrSigner,
        IsvProdId = QeProductId,
        Levels = QeLevels,
    };
}
