using System.Security.Cryptography;
using DarkPool.Attestation.Binding;

namespace DarkPool.Attestation.Tests.Binding;

public sealed class ReportDataBindingTests
{
    private static readonly byte[] KeyAgreement = [0x04, 0x11, 0x22, 0x33];
    private static readonly byte[] Settlement = [0x02, 0xAA, 0xBB];
    private static readonly byte[] Nonce = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void ToReportData_Always_IsSha256OfLabelledLengthPrefixedFieldsThenZeros()
    {
        byte[] preimage =
        [
            .. "DarkPool.ReportData.v1\0"u8.ToArray(),
            4, 0, .. KeyAgreement,
            3, 0, .. Settlement,
            32, 0, .. Nonce,
        ];
        byte[] expected = [.. SHA256.HashData(preimage), .. new byte[32]];

        byte[] reportData = new ReportDataBinding(KeyAgreement, Settlement, Nonce).ToReportData();

        Assert.Equal(expected, reportData);
    }

    [Fact]
    public void ToReportData_OtherNonce_Differs()
    {
        byte[] otherNonce = (byte[])Nonce.Clone();
        otherNonce[0] ^= 1;

        Assert.NotEqual(
            new ReportDataBinding(KeyAgreement, Settlement, Nonce).ToReportData(),
            new ReportDataBinding(KeyAgreement, Settlement, otherNonce).ToReportData());
    }

    [Fact]
    public void ToReportData_KeysSwapped_Differs()
    {
        Assert.NotEqual(
            new ReportDataBinding(KeyAgreement, Settlement, Nonce).ToReportData(),
            new ReportDataBinding(Settlement, KeyAgreement, Nonce).ToReportData());
    }

    [Fact]
    public void ToReportData_BytesMovedBetweenKeys_Differs()
    {
        Assert.NotEqual(
            new ReportDataBinding([1, 2], [3], Nonce).ToReportData(),
            new ReportDataBinding([1], [2, 3], Nonce).ToReportData());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(33)]
    public void Constructor_NonceNot32Bytes_Throws(int length)
    {
        Assert.Throws<ArgumentException>(() => new ReportDataBinding(KeyAgreement, Settlement, new byte[length]));
    }

    [Fact]
    public void Constructor_EmptyKey_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ReportDataBinding([], Settlement, Nonce));
    }
}
