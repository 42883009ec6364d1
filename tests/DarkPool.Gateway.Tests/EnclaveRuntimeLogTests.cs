using DarkPool.Enclave.Core;
using DarkPool.Enclave.Journal;
using DarkPool.Enclave.Pipeline;
using DarkPool.Enclave.Runtime;
using DarkPool.Host.Sessions;
using DarkPool.Host.Storage;
using DarkPool.Protocol.Accounts;
using DarkPool.Testing.Shared;
using Microsoft.Extensions.Logging;

namespace DarkPool.Gateway.Tests;

/// <summary>
/// The runtime's own wiring of the pipeline's reports to the operator's log (this project copies the measurable enclave
/// build the runtime needs to start; the pipeline's reports themselves are tested in DarkPool.Enclave.Tests).
/// </summary>
public sealed class EnclaveRuntimeLogTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "darkpool-runtime-log-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task SnapshotWhosePruneFails_IsLoggedAsWarning25_WithTheFailuresKind_AndNoState()
    {
        var journal = new PruneRefusingFolder(new FileDataFolder(Path.Combine(_root, "journal"))) { Failing = true };
        var logger = new ListLogger();
        var events = new SessionEventHub();
        var options = new EnclaveRuntimeOptions
        {
            PlatformFolder = Path.Combine(_root, "platform"),
            JournalFolder = journal,
            KeyFolder = new FileDataFolder(Path.Combine(_root, "keys")),
            BuildFolder = Path.Combine(AppContext.BaseDirectory, "enclave"),
            Journal = new JournalOptions { SegmentSizeLimit = 1_500, RetainedSnapshots = 1 },
            Pipeline = new EnclavePipelineOptions { SnapshotEveryRecords = 0 },
        };
        Assert.True(EnclaveRuntime.TryStart(options, events, logger, out EnclaveRuntime? runtime, out string? error), error);
        using (runtime)
        {
            // Enough records for several closed segments, then a snapshot: the prune after it renames the segments it
            // covers, which this folder refuses.
            byte[] address = new byte[AccountAddress.Size];
            address[0] = 7;
            for (int i = 0; i < 30; i++)
            {
                EnclaveReply reply = await runtime.Pipeline.SubmitOperatorAsync(EnclaveRecords.Deposit(0, AccountAddress.FromBytes(address), 1, 1_000 + i));
                Assert.Equal(ReplyStatus.Done, reply.Status);
            }

            Assert.NotNull(await runtime.Pipeline.SnapshotAsync());

            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (runtime.Pipeline.SnapshotPruneFailures == 0)
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "no prune failed");
                await Task.Delay(10);
            }
        }

        Assert.True(journal.Refused > 0);
        (LogLevel level, _, string message) = Assert.Single(logger.Lines, l => l.Event.Id == 25);
        Assert.Equal(LogLevel.Warning, level);
        Assert.Contains(nameof(IOException), message, StringComparison.Ordinal);
        Assert.Contains(PruneRefusingFolder.RefusalMessage, message, StringComparison.Ordinal);
    }
}
