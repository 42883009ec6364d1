using DarkPool.Attestation.Binding;
using DarkPool.Attestation.Collateral;
using DarkPool.Attestation.Tests.Support;

namespace DarkPool.Attestation.Tests.Collateral;

public sealed class EvidenceTests : IDisposable
{
    private readonly QuoteFixture _fixture = new();
    private readonly string _folder = Path.Combine(Directory.CreateTempSubdirectory("dp-evidence-").FullName, "evidence");

    public void Dispose()
    {
        _fixture.Dispose();
        Directory.Delete(Path.GetDirectoryName(_folder)!, recursive: true);
    }

    [Fact]
    public void WriteTo_ThenTryReadFrom_GivesBackTheSameEvidence()
    {
        (byte[] quote, ReportDataBinding binding) = _fixture.Issue();
        var evidence = new Evidence(quote, _fixture.Pki.Root.RawData, _fixture.Collateral());

        evidence.WriteTo(_folder);

        Assert.Equal(quote, File.ReadAllBytes(Path.Combine(_folder, "quote.bin")));
        Assert.Equal(_fixture.Pki.Root.RawData, File.ReadAllBytes(Path.Combine(_folder, "root.der")));
        Assert.Equal(evidence.Collateral.ToJson(), File.ReadAllText(Path.Combine(_folder, "collateral.json")));
        Assert.True(Evidence.TryReadFrom(_folder, out Evidence? read, out EvidenceReadError error), error.ToString());
        Assert.Equal(quote, read.Quote.ToArray());
        Assert.True(_fixture.Verifier(_fixture.CollateralPolicy()).Verify(read.Quote, binding, read.Collateral).IsValid);
    }

    [Theory]
    [InlineData("quote.bin")]
    [InlineData("root.der")]
    [InlineData("collateral.json")]
    public void TryReadFrom_FileMissing_NamesIt(string file)
    {
        new Evidence(_fixture.Issue().Quote, _fixture.Pki.Root.RawData, _fixture.Collateral()).WriteTo(_folder);
        File.Delete(Path.Combine(_folder, file));

        Assert.False(Evidence.TryReadFrom(_folder, out _, out EvidenceReadError error));
        Assert.Equal(file, error.File);
    }

    [Theory]
    [InlineData("root.der", "-----BEGIN CERTIFICATE-----")]
    [InlineData("collateral.json", "{\"tcb_info\":1}")]
    public void TryReadFrom_FileNotParsing_NamesIt(string file, string content)
    {
        new Evidence(_fixture.Issue().Quote, _fixture.Pki.Root.RawData, _fixture.Collateral()).WriteTo(_folder);
        File.WriteAllText(Path.Combine(_folder, file), content);

        Assert.False(Evidence.TryReadFrom(_folder, out _, out EvidenceReadError error));
        Assert.Equal(file, error.File);
    }
}
