using DarkPool.Enclave.Platform;
using DarkPool.Enclave.Tests.Support;

namespace DarkPool.Enclave.Tests.Platform;

public sealed class MonotonicCounterTests : IDisposable
{
    private readonly PlatformFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void ReadMonotonicCounter_NewPlatform_IsZero()
    {
        using SimulatedPlatform platform = _fixture.Open();

        Assert.Equal(0UL, platform.ReadMonotonicCounter());
    }

    [Fact]
    public void IncrementMonotonicCounter_Repeatedly_ReturnsEachNextValue()
    {
        using SimulatedPlatform platform = _fixture.Open();

        Assert.Equal([1UL, 2UL, 3UL], new[] { platform.IncrementMonotonicCounter(), platform.IncrementMonotonicCounter(), platform.IncrementMonotonicCounter() });
        Assert.Equal(3UL, platform.ReadMonotonicCounter());
    }

    [Fact]
    public void IncrementMonotonicCounter_ThenReopen_ValueSurvives()
    {
        using (SimulatedPlatform platform = _fixture.Open())
        {
            platform.IncrementMonotonicCounter();
            platform.IncrementMonotonicCounter();
        }

        using SimulatedPlatform reopened = _fixture.Open();
        Assert.Equal(2UL, reopened.ReadMonotonicCounter());
    }

    [Fact]
    public void IncrementMonotonicCounter_Always_LeavesNoTemporaryFile()
    {
        using SimulatedPlatform platform = _fixture.Open();

        platform.IncrementMonotonicCounter();

        Assert.Empty(Directory.GetFiles(_fixture.DataFolder, "*.tmp"));
    }

    [Fact]
    public void IncrementMonotonicCounter_FromManyThreads_GivesEveryValueOnce()
    {
        using SimulatedPlatform platform = _fixture.Open();

        ulong[] values = Enumerable.Range(0, 40).AsParallel().Select(_ => platform.IncrementMonotonicCounter()).ToArray();

        Assert.Equal(Enumerable.Range(1, 40).Select(i => (ulong)i), values.Order());
        Assert.Equal(40UL, platform.ReadMonotonicCounter());
    }

    [Fact]
    public void TryOpen_CounterFileDamaged_FailsCorruptState()
    {
        _fixture.Open().Dispose();
        string path = Path.Combine(_fixture.DataFolder, "monotonic-counter.bin");
        byte[] content = File.ReadAllBytes(path);
        content[8] ^= 0x01;
        File.WriteAllBytes(path, content);

        Assert.False(SimulatedPlatform.TryOpen(_fixture.Options, _fixture.Identity, _fixture.Logger, out _, out PlatformOpenError error));
        Assert.Equal(PlatformOpenErrorKind.CorruptState, error.Kind);
        Assert.Contains("monotonic-counter.bin", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void TryOpen_CounterFileOfAnotherPlatform_FailsCorruptState()
    {
        _fixture.Open().Dispose();
        using var other = new PlatformFixture();
        using (SimulatedPlatform otherPlatform = other.Open())
        {
            otherPlatform.IncrementMonotonicCounter();
        }

        File.Copy(Path.Combine(other.DataFolder, "monotonic-counter.bin"), Path.Combine(_fixture.DataFolder, "monotonic-counter.bin"), overwrite: true);

        Assert.False(SimulatedPlatform.TryOpen(_fixture.Options, _fixture.Identity, _fixture.Logger, out _, out PlatformOpenError error));
        Assert.Equal(PlatformOpenErrorKind.CorruptState, error.Kind);
    }

    [Fact]
    public void RotateSealKeyGeneration_ThenReopen_GenerationSurvives()
    {
        using (SimulatedPlatform platform = _fixture.Open())
        {
            Assert.Equal(1u, platform.SealKeyGeneration);
            Assert.Equal(2u, platform.RotateSealKeyGeneration());
        }

        using SimulatedPlatform reopened = _fixture.Open();
        Assert.Equal(2u, reopened.SealKeyGeneration);
    }

    [Fact]
    public void IncrementMonotonicCounter_OlderCopyPutBackWhileOpen_ThrowsAndWritesNothing()
    {
        string path = Path.Combine(_fixture.DataFolder, "monotonic-counter.bin");
        using SimulatedPlatform platform = _fixture.Open();
        platform.IncrementMonotonicCounter();
        byte[] atOne = File.ReadAllBytes(path);
        platform.IncrementMonotonicCounter();
        File.WriteAllBytes(path, atOne);

        InvalidOperationException refused = Assert.Throws<InvalidOperationException>(() => platform.IncrementMonotonicCounter());

        Assert.Contains("monotonic-counter.bin", refused.Message, StringComparison.Ordinal);
        Assert.Equal(atOne, File.ReadAllBytes(path));
        Assert.Equal(2UL, platform.ReadMonotonicCounter());
    }

    [Fact]
    public void RotateSealKeyGeneration_OlderCopyPutBackWhileOpen_ThrowsAndWritesNothing()
    {
        string path = Path.Combine(_fixture.DataFolder, "seal-key-generation.bin");
        using SimulatedPlatform platform = _fixture.Open();
        byte[] atOne = File.ReadAllBytes(path);
        platform.RotateSealKeyGeneration();
        File.WriteAllBytes(path, atOne);

        Assert.Throws<InvalidOperationException>(() => platform.RotateSealKeyGeneration());

        Assert.Equal(atOne, File.ReadAllBytes(path));
        Assert.Equal(2u, platform.SealKeyGeneration);
    }

    [Fact]
    public void IncrementMonotonicCounter_AfterDispose_ThrowsAndWritesNothing()
    {
        SimulatedPlatform platform = _fixture.Open();
        platform.IncrementMonotonicCounter();
        byte[] atOne = File.ReadAllBytes(Path.Combine(_fixture.DataFolder, "monotonic-counter.bin"));
        platform.Dispose();

        Assert.Throws<ObjectDisposedException>(() => platform.IncrementMonotonicCounter());
        Assert.Throws<ObjectDisposedException>(() => platform.RotateSealKeyGeneration());
        Assert.Equal(atOne, File.ReadAllBytes(Path.Combine(_fixture.DataFolder, "monotonic-counter.bin")));
    }
}
