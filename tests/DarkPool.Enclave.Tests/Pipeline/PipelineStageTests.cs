using DarkPool.Enclave.Core;
using DarkPool.Enclave.Journal;
using DarkPool.Enclave.Pipeline;
using DarkPool.Enclave.Tests.Pipeline.Support;
using DarkPool.Protocol.Client;
using DarkPool.Protocol.Messages;
using static DarkPool.Enclave.Tests.Pipeline.Support.EnclaveHarness;

namespace DarkPool.Enclave.Tests.Pipeline;

/// <summary>
/// The two stages: the sequencer executes ahead of the journal stage, which alone commits and releases. Whatever the
/// sequencer ran ahead is released only once durable, a journal fault answers it Stopped and releases nothing of it,
/// a snapshot is written only once its position is durable, and disposing drains what was executed.
/// </summary>
public sealed class PipelineStageTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task JournalFault_AfterTheSequencerRanAhead_AnswersItStoppedAndReleasesNothingOfIt()
    {
        GatedFolder? gated = null;
        long staged = 0;
        var options = new EnclavePipelineOptions { OnBatchStaged = (last, _) => Volatile.Write(ref staged, last) };
        using var h = new EnclaveHarness(options: options, wrap: f => gated = new GatedFolder(f));
        await h.CreateMarketAsync();
        ClientSession maker = await h.ConnectAsync();
        ClientSession taker = await h.ConnectAsync();
        await h.DepositAsync(maker, Base, 100);
        await h.DepositAsync(taker, Quote, 100_000);
        Assert.Equal(ReplyStatus.Done, (await h.SendAsync(maker, 1, Limit(1, OrderSide.Sell, 100, 50))).Status);
        int delivered = h.Outbox.Delivered.Count;

        gated!.Close();
        Task<EnclaveReply> held = h.OperatorAsync(EnclaveRecords.Tick(0));
        Assert.True(SpinWait.SpinUntil(() => gated.Waiting == 1, Patience));
        long heldPosition = Volatile.Read(ref staged);

        // While that commit is held, the sequencer executes crossing orders that fill the maker (events for another session).
        List<Task<EnclaveReply>> ahead = [.. Enumerable.Range(1, 5).Select(i =>
            h.SendAsync(taker, (ulong)i, Limit(100 + i, OrderSide.Buy, 100, 2, OrderTimeInForce.Ioc)))];
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref staged) == heldPosition + 5, Patience), "the sequencer did not run ahead of the held commit");
        Assert.All(ahead, t => Assert.False(t.IsCompleted, "an answer left before its record was durable"));
        Assert.Equal(delivered, h.Outbox.Delivered.Count);

        // The held commit succeeds; the next one, of everything the sequencer ran ahead, fails.
        gated.FailFlushesAfter(1);
        gated.Open();

        EnclaveReply first = await held;
        EnclaveReply[] answers = await Task.WhenAll(ahead);
        Assert.Equal((ReplyStatus.Done, heldPosition), (first.Status, first.JournalSequence));
        Assert.All(answers, a => Assert.Equal(ReplyStatus.Stopped, a.Status));
        Assert.Equal(delivered, h.Outbox.Delivered.Count);
        Assert.True(h.Pipeline.IsStopped);
        Assert.Equal(heldPosition, h.Journal.DurableSequence);
        Assert.True(h.Journal.IsFaulted);

        // Nothing is executed any more.
        Assert.Equal(ReplyStatus.Stopped, (await h.SendAsync(taker, 6, Limit(200, OrderSide.Buy, 100, 1))).Status);
        Assert.Equal(ReplyStatus.Stopped, (await h.OperatorAsync(EnclaveRecords.Tick(0))).Status);
        Assert.Null(await h.Pipeline.SnapshotAsync());
    }

    [Fact]
    public async Task SequencerStoppedByAnException_TheJournalStageStillDrainsWhatItFinished_AndDisposeReturns()
    {
        // A fault escaping the sequencer's handler (here the OnBatchStaged hook, called at the end of a batch) stops the
        // sequencer with its sequence on the record before the faulted one. The journal stage, asleep on the sequencer by
        // then, must still be woken to journal and answer that record, and Dispose, which waits for the journal stage to
        // catch up, must return (helper-30's review found both hanging when the stopping sequencer did not wake it).
        int mode = 0; // 0 quiet, 1 hold the first batch, 2 hold the next one and fail it
        using var firstHeld = new ManualResetEventSlim();
        using var releaseFirst = new ManualResetEventSlim();
        using var secondHeld = new ManualResetEventSlim();
        using var releaseSecond = new ManualResetEventSlim();
        var options = new EnclavePipelineOptions
        {
            OnBatchStaged = (_, _) =>
            {
                switch (Volatile.Read(ref mode))
                {
                    case 1:
                        Volatile.Write(ref mode, 2);
                        firstHeld.Set();
                        releaseFirst.Wait();
                        break;
                    case 2:
                        secondHeld.Set();
                        releaseSecond.Wait();
                        throw new InvalidOperationException("the hook failed");
                }
            },
        };
        using var h = new EnclaveHarness(options: options);
        await h.CreateMarketAsync();

        Volatile.Write(ref mode, 1);
        Task<EnclaveReply> first = h.OperatorAsync(EnclaveRecords.Tick(0));
        Assert.True(firstHeld.Wait(Patience), "the sequencer did not reach the hook");
        Task<EnclaveReply> second = h.OperatorAsync(EnclaveRecords.Tick(0));
        Task<EnclaveReply> third = h.OperatorAsync(EnclaveRecords.Tick(0));
        releaseFirst.Set();

        // The first is journaled; the second and third run as one batch, held at its end while the journal stage goes
        // back to sleep on the sequencer (nothing else to do), then failed: the second is covered, the third not.
        Assert.Equal(ReplyStatus.Done, (await first.WaitAsync(Patience)).Status);
        Assert.True(secondHeld.Wait(Patience), "the sequencer did not run the second batch");
        Thread.Sleep(200);
        releaseSecond.Set();

        // Waited for without throwing first: a Dispose still spinning would hang the harness's own disposal, and the
        // test would hang instead of failing (Dispose marks the pipeline disposed at once, so a second call returns).
        bool secondAnswered = await Task.WhenAny(second, Task.Delay(Patience)) == second;
        bool thirdWaiting = !third.IsCompleted;
        Task dispose = Task.Run(h.Pipeline.Dispose);
        bool disposed = await Task.WhenAny(dispose, Task.Delay(Patience)) == dispose;

        Assert.True(secondAnswered, "the record the stopped sequencer finished was never journaled and answered");
        Assert.Equal(ReplyStatus.Done, (await second).Status);
        Assert.True(thirdWaiting, "the faulted record was answered before the pipeline stopped");
        Assert.True(disposed, "Dispose did not return");
        Assert.Equal(ReplyStatus.Stopped, (await third.WaitAsync(Patience)).Status);
    }

    [Fact]
    public async Task Answers_OfRecordsTheSequencerRanAhead_LeaveOnlyOnceDurableAndInOrder()
    {
        GatedFolder? gated = null;
        long staged = 0;
        var options = new EnclavePipelineOptions { OnBatchStaged = (last, _) => Volatile.Write(ref staged, last) };
        using var h = new EnclaveHarness(options: options, wrap: f => gated = new GatedFolder(f));
        await h.CreateMarketAsync();
        ClientSession maker = await h.ConnectAsync();
        ClientSession taker = await h.ConnectAsync();
        await h.DepositAsync(maker, Base, 100);
        await h.DepositAsync(taker, Quote, 100_000);
        EnclaveReply rest = await h.SendAsync(maker, 1, Limit(1, OrderSide.Sell, 100, 50));
        Assert.Equal(ReplyStatus.Done, rest.Status);
        int delivered = h.Outbox.Delivered.Count;

        gated!.Close();
        Task<EnclaveReply> held;
        List<Task<EnclaveReply>> ahead;
        try
        {
            held = h.OperatorAsync(EnclaveRecords.Tick(0));
            Assert.True(SpinWait.SpinUntil(() => gated.Waiting == 1, Patience));
            long heldPosition = Volatile.Read(ref staged);
            ahead = [.. Enumerable.Range(1, 8).Select(i => h.SendAsync(taker, (ulong)i, Limit(100 + i, OrderSide.Buy, 100, 1, OrderTimeInForce.Ioc)))];
            Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref staged) == heldPosition + 8, Patience));

            Assert.False(held.IsCompleted);
            Assert.All(ahead, t => Assert.False(t.IsCompleted, "an answer left before its record was durable"));
            Assert.Equal(delivered, h.Outbox.Delivered.Count);
        }
        finally
        {
            gated.Open();
        }

        EnclaveReply[] answers = await Task.WhenAll(ahead);
        Assert.Equal(ReplyStatus.Done, (await held).Status);
        Assert.All(answers, a => Assert.Equal(ReplyStatus.Done, a.Status));
        long[] positions = [.. answers.Select(a => a.JournalSequence)];
        Assert.Equal(positions.Order(), positions);
        Assert.True(h.Journal.DurableSequence >= positions[^1]);

        // Every maker fill left with its record durable.
        var fills = h.Outbox.Delivered.Skip(delivered).ToList();
        Assert.Equal(8, fills.Count);
        Assert.All(fills.Zip(positions), f => Assert.True(f.First.DurableAtDelivery >= f.Second));
        Assert.Equal(8, h.Open(maker, rest).Count(r => r.Kind == ResponseKind.OrderFilled));
    }

    [Fact]
    public async Task Snapshot_OfAPositionNotYetDurable_IsWrittenOnlyOnceItIs()
    {
        GatedFolder? gated = null;
        long staged = 0;
        var options = new EnclavePipelineOptions { SnapshotEveryRecords = 0, OnBatchStaged = (last, _) => Volatile.Write(ref staged, last) };
        using var h = new EnclaveHarness(options: options, wrap: f => gated = new GatedFolder(f));
        await h.CreateMarketAsync();
        ClientSession trader = await h.ConnectAsync();
        await h.DepositAsync(trader, Quote, 10_000);

        gated!.Close();
        Task<EnclaveReply> first;
        Task<EnclaveReply> second;
        Task<SnapshotInfo?> snapshot;
        try
        {
            first = h.SendAsync(trader, 1, Limit(1, OrderSide.Buy, 90, 1));
            Assert.True(SpinWait.SpinUntil(() => gated.Waiting == 1, Patience));
            long firstPosition = Volatile.Read(ref staged);

            // Behind the held commit: a second order, the snapshot request (at the second order's position), and a tick.
            second = h.SendAsync(trader, 2, Limit(2, OrderSide.Buy, 91, 1));
            snapshot = h.Pipeline.SnapshotAsync();
            _ = h.OperatorAsync(EnclaveRecords.Tick(0));
            Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref staged) == firstPosition + 2, Patience), "the sequencer did not run ahead");

            // The first commit goes through; the one that makes the snapshot's position durable is held.
            gated.Let(1);
            Assert.Equal(ReplyStatus.Done, (await first).Status);
            Assert.True(SpinWait.SpinUntil(() => gated.Waiting == 1, Patience));

            Assert.False(second.IsCompleted);
            Assert.False(snapshot.IsCompleted);
            Assert.Equal(0, h.Pipeline.SnapshotsWritten);
            Assert.DoesNotContain(h.Disk.ListFiles(), f => f.StartsWith("snapshot-", StringComparison.Ordinal));
        }
        finally
        {
            gated.Open();
        }

        EnclaveReply reply = await second;
        SnapshotInfo? info = await snapshot;
        Assert.NotNull(info);
        Assert.Equal(reply.JournalSequence, info.Position);
        Assert.Equal(1, h.Pipeline.SnapshotsWritten);

        // Recovery starts from it and replays the tick after it.
        long hash = h.Core.ComputeStateHash();
        h.Stop();
        h.Reopen();
        Assert.Equal(info.Position, h.Recovery.Snapshot?.Position);
        Assert.Equal(hash, h.Core.ComputeStateHash());
    }

    [Fact]
    public async Task Dispose_WithSubmissionsInFlight_AnswersEveryOne_AndTheJournalHoldsExactlyWhatWasExecuted()
    {
        using var h = new EnclaveHarness();
        await h.CreateMarketAsync();
        ClientSession trader = await h.ConnectAsync();
        await h.DepositAsync(trader, Quote, 1_000_000);

        List<Task<EnclaveReply>> replies = [.. Enumerable.Range(1, 300).Select(i => h.SendAsync(trader, (ulong)i, Limit(i, OrderSide.Buy, 90, 1)))];
        h.Pipeline.Dispose();
        EnclaveReply[] answers = await Task.WhenAll(replies);
        long hash = h.Core.ComputeStateHash();
        long durable = h.Journal.DurableSequence;

        Assert.All(answers, a => Assert.Contains(a.Status, new[] { ReplyStatus.Done, ReplyStatus.Stopped }));
        Assert.All(answers.Where(a => a.Status == ReplyStatus.Done), a => Assert.InRange(a.JournalSequence, 1, durable));

        // What the sequencer executed was committed before the stages stopped: recovery reaches the same state.
        h.Stop();
        h.Reopen();
        Assert.Equal(durable, h.Recovery.Head.Sequence);
        Assert.Equal(hash, h.Core.ComputeStateHash());
    }
}
