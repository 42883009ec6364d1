using DarkPool.Attestation.Identity;
using DarkPool.Enclave.Journal;
using DarkPool.Enclave.Platform;
using DarkPool.Host.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace DarkPool.Host.Tests.Storage;

/// <summary>The sealed journal on real files with the simulated platform: the way the host and the enclave run together.</summary>
public sealed class JournalOnFilesTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly EnclaveIdentity _identity = new(Sha256Hash.Compute("enclave build"u8), Sha256Hash.Compute("signer"u8), 1, 1, false);
    private readonly JournalOptions _options = new() { SegmentSizeLimit = 4_096 };

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void AppendCommitSnapshot_ThenReopen_RecoversEverything()
    {
        string journalPath = Path.Combine(_temp.Root, "journal");
        var payloads = new List<byte[]>();
        using (SimulatedPlatform platform = OpenPlatform())
        using (SealedJournal journal = OpenJournal(journalPath, platform, new Collecting()))
        {
            for (int i = 0; i < 200; i++)
            {
                byte[] payload = BitConverter.GetBytes(i * 7919L);
                payloads.Add(payload);
                _ = journal.Append(payload);
                if (i % 10 == 9)
                {
                    _ = journal.Commit();
                }
            }

            _ = journal.WriteSnapshot(150, "state at 150"u8);
            _ = journal.Append("after the snapshot"u8);
            _ = journal.Commit();
            payloads.Add("after the snapshot"u8.ToArray());
        }

        var target = new Collecting();
        using (SimulatedPlatform platform = OpenPlatform())
        using (SealedJournal journal = OpenJournal(journalPath, platform, target))
        {
            Assert.Equal(201, journal.DurableSequence);
        }

        Assert.Equal(150, target.SnapshotPosition);
        Assert.Equal("state at 150"u8.ToArray(), target.SnapshotState);
        Assert.Equal(payloads.Skip(150), target.Payloads);
        Assert.True(Directory.GetFiles(journalPath, "journal-*.seg").Length > 1);
    }

    [Fact]
    public void OlderCopyOfTheFolder_IsRefusedAsARollback()
    {
        string journalPath = Path.Combine(_temp.Root, "journal");
        string copyPath = Path.Combine(_temp.Root, "copy");
        using (SimulatedPlatform platform = OpenPlatform())
        using (SealedJournal journal = OpenJournal(journalPath, platform, new Collecting()))
        {
            _ = journal.Append("first"u8);
            _ = journal.Commit();
        }

        CopyFolder(journalPath, copyPath);
        using (SimulatedPlatform platform = OpenPlatform())
        using (SealedJournal journal = OpenJournal(journalPath, platform, new Collecting()))
        {
            _ = journal.Append("second"u8);
            _ = journal.Commit();
        }

        using SimulatedPlatform again = OpenPlatform();
        bool opened = SealedJournal.TryOpen(new FileDataFolder(copyPath), again, new Collecting(), _options, out SealedJournal? stale, out _, out JournalOpenError error);
        stale?.Dispose();

        Assert.False(opened);
        Assert.Equal(JournalErrorKind.Rollback, error.Kind);
        Assert.StartsWith("journal-", error.File, StringComparison.Ordinal);
    }

    private SimulatedPlatform OpenPlatform()
    {
        var options = new SimulatedPlatformOptions { DataFolder = Path.Combine(_temp.Root, "platform") };
        Assert.True(SimulatedPlatform.TryOpen(options, _identity, NullLogger.Instance, out SimulatedPlatform? platform, out PlatformOpenError error), error.Detail);
        return platform;
    }

    private SealedJournal OpenJournal(string path, SimulatedPlatform platform, Collecting target)
    {
        Assert.True(
            SealedJournal.TryOpen(new FileDataFolder(path), platform, target, _options, out SealedJournal? journal, out _, out JournalOpenError error),
            error.ToString());
        return journal;
    }

    private static void CopyFolder(string from, string to)
    {
        _ = Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    private sealed class Collecting : IJournalReplayTarget
    {
        public long? SnapshotPosition { get; private set; }

        public byte[]? SnapshotState { get; private set; }

        public List<byte[]> Payloads { get; } = [];

        public void RestoreSnapshot(long position, ReadOnlySpan<byte> state)
        {
            SnapshotPosition = position;
            SnapshotState = state.ToArray();
        }

        public void Replay(long sequence, ReadOnlySpan<byte> payload) => Payloads.Add(payload.ToArray());
    }
}
