using System.Security.Cryptography;
using DarkPool.Chain.Embedded;
using DarkPool.Chain.Embedded.Internal;

namespace DarkPool.Chain.Tests.Embedded;

/// <summary>The embedded chain's checksummed files, written in fsynced slices.</summary>
public sealed class DurableFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("darkpool-durable-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData((64 * 1024) - 1)]
    [InlineData(64 * 1024)]
    [InlineData((64 * 1024) + 1)]
    [InlineData(300_000)]
    public void Write_AnySizeAcrossSlices_ReadsBackTheSameBytes_AndNoTempFileStays(int size)
    {
        string path = Path.Combine(_folder, "file.dpc");
        byte[] payload = RandomNumberGenerator.GetBytes(size);

        DurableFile.Write(path, 7, payload);

        Assert.Equal(payload, DurableFile.Read(path, 7));
        Assert.Equal(DurableFile.HeaderSize + size, new FileInfo(path).Length);
        Assert.False(File.Exists(path + DurableFile.TempSuffix));
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(4, 100_000, 65)]
    [InlineData(0, (64 * 1024) - 1, 2)]
    [InlineData(64 * 1024, 64 * 1024, 1)]
    [InlineData(3, 0, 200_000)]
    public void Write_ThreeParts_SameFileAsTheirJoinedPayload(int first, int second, int third)
    {
        string joined = Path.Combine(_folder, "joined.dpc");
        string parts = Path.Combine(_folder, "parts.dpc");
        byte[] a = RandomNumberGenerator.GetBytes(first);
        byte[] b = RandomNumberGenerator.GetBytes(second);
        byte[] c = RandomNumberGenerator.GetBytes(third);

        DurableFile.Write(joined, 2, [.. a, .. b, .. c]);
        DurableFile.Write(parts, 2, a, b, c);

        Assert.Equal(File.ReadAllBytes(joined), File.ReadAllBytes(parts));
        Assert.Equal([.. a, .. b, .. c], DurableFile.Read(parts, 2));
        Assert.False(File.Exists(parts + DurableFile.TempSuffix));
    }

    [Fact]
    public void Read_CutAtASliceBoundaryOrOneByteChanged_ChainDataCorrupt()
    {
        string path = Path.Combine(_folder, "file.dpc");
        byte[] payload = RandomNumberGenerator.GetBytes(200_000);
        DurableFile.Write(path, 7, payload);
        byte[] whole = File.ReadAllBytes(path);

        File.WriteAllBytes(path, whole[..(DurableFile.HeaderSize + (64 * 1024))]);
        Assert.Throws<ChainDataCorruptException>(() => DurableFile.Read(path, 7));

        byte[] changed = (byte[])whole.Clone();
        changed[DurableFile.HeaderSize + 100_000] ^= 1;
        File.WriteAllBytes(path, changed);
        Assert.Throws<ChainDataCorruptException>(() => DurableFile.Read(path, 7));

        File.WriteAllBytes(path, whole);
        Assert.Throws<ChainDataCorruptException>(() => DurableFile.Read(path, 8));
    }
}
