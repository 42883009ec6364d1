using System.Security.Cryptography;
using System.Text;
using DarkPool.Attestation.Identity;
using DarkPool.Attestation.Measurement;

namespace DarkPool.Attestation.Tests.Measurement;

public sealed class MeasurementCalculatorTests : IDisposable
{
    private const string LibraryFile = "DarkPool.Attestation.dll";
    private const string TestsFile = "DarkPool.Attestation.Tests.dll";

    private readonly string _root = Directory.CreateTempSubdirectory("dp-measure-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void TryMeasure_LibraryWithOnlyFrameworkReferences_MeasuresOneFileAndListsFramework()
    {
        Assert.True(MeasurementCalculator.TryMeasure(AppContext.BaseDirectory, LibraryFile, out MeasurementReport? report, out MeasurementError error), error.Detail);

        MeasuredFile file = Assert.Single(report.Files);
        Assert.Equal(LibraryFile, file.FileName);
        Assert.Contains("System.Runtime", report.FrameworkReferences);
    }

    [Fact]
    public void TryMeasure_Always_MatchesDocumentedDefinition()
    {
        Assert.True(MeasurementCalculator.TryMeasure(AppContext.BaseDirectory, LibraryFile, out MeasurementReport? report, out _));
        byte[] content = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, LibraryFile));
        byte[] name = Encoding.UTF8.GetBytes(LibraryFile);
        byte[] preimage =
        [
            .. "DarkPool.Measurement.v1\0"u8.ToArray(),
            1, 0, 0, 0,
            (byte)name.Length, (byte)(name.Length >> 8), .. name,
            .. SHA256.HashData(content),
        ];

        Assert.Equal(new Sha256Hash(SHA256.HashData(preimage)), report.Measurement);
    }

    [Fact]
    public void TryMeasure_ClosureOfTestAssembly_IncludesReferencedLibraryInOrdinalOrder()
    {
        Assert.True(MeasurementCalculator.TryMeasure(AppContext.BaseDirectory, TestsFile, out MeasurementReport? report, out MeasurementError error), error.Detail);

        string[] names = report.Files.Select(f => f.FileName).ToArray();
        Assert.Contains(LibraryFile, names);
        Assert.Contains(TestsFile, names);
        Assert.Equal(names.Order(StringComparer.Ordinal).ToArray(), names);
    }

    [Fact]
    public void TryMeasure_SameFilesInTwoFolders_GiveSameMeasurement()
    {
        string first = CopyLibraryTo("first");
        string second = CopyLibraryTo(Path.Combine("elsewhere", "second"));

        Assert.True(MeasurementCalculator.TryMeasure(first, LibraryFile, out MeasurementReport? a, out _));
        Assert.True(MeasurementCalculator.TryMeasure(second, LibraryFile, out MeasurementReport? b, out _));
        Assert.Equal(a.Measurement, b.Measurement);
    }

    [Fact]
    public void TryMeasure_OneByteMore_ChangesMeasurement()
    {
        string folder = CopyLibraryTo("changed");
        Assert.True(MeasurementCalculator.TryMeasure(folder, LibraryFile, out MeasurementReport? before, out _));
        using (var stream = new FileStream(Path.Combine(folder, LibraryFile), FileMode.Append))
        {
            stream.WriteByte(0);
        }

        Assert.True(MeasurementCalculator.TryMeasure(folder, LibraryFile, out MeasurementReport? after, out _));
        Assert.NotEqual(before.Measurement, after.Measurement);
    }

    [Fact]
    public void TryMeasure_ReferenceMissingFromFolderAndFramework_FailsUnresolvedReference()
    {
        string folder = Path.Combine(_root, "partial");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(AppContext.BaseDirectory, TestsFile), Path.Combine(folder, TestsFile));

        Assert.False(MeasurementCalculator.TryMeasure(folder, TestsFile, out _, out MeasurementError error));
        Assert.Equal(MeasurementErrorKind.UnresolvedReference, error.Kind);
    }

    [Fact]
    public void TryMeasure_EntryIsNotAnAssembly_FailsNotAnAssembly()
    {
        File.WriteAllText(Path.Combine(_root, "Fake.dll"), "not a portable executable");

        Assert.False(MeasurementCalculator.TryMeasure(_root, "Fake.dll", out _, out MeasurementError error));
        Assert.Equal(MeasurementErrorKind.NotAnAssembly, error.Kind);
    }

    [Fact]
    public void TryMeasure_MissingEntry_FailsNotFound()
    {
        Assert.False(MeasurementCalculator.TryMeasure(_root, "Missing.dll", out _, out MeasurementError error));
        Assert.Equal(MeasurementErrorKind.NotFound, error.Kind);
    }

    private string CopyLibraryTo(string relative)
    {
        string folder = Path.Combine(_root, relative);
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(AppContext.BaseDirectory, LibraryFile), Path.Combine(folder, LibraryFile));
        return folder;
    }
}
