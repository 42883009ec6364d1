using DarkPool.Testing.Shared;
using System.Buffers;
using DarkPool.Enclave.Core;
using DarkPool.Enclave.Pipeline;
using DarkPool.Enclave.Tests.Journal.Support;
using DarkPool.Enclave.Tests.Pipeline.Support;
using DarkPool.Engine;
using DarkPool.Protocol.Client;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Handshake;
using DarkPool.Protocol.Messages;
using static DarkPool.Enclave.Tests.Pipeline.Support.EnclaveHarness;

namespace DarkPool.Enclave.Tests.Pipeline;

/// <summary>The request path end to end: sealed envelopes in, decrypt, execute, journal, group commit, sealed answers out.</summary>
public sealed class PipelineTests
{
    [Fact]
    public async Task Place_TwoTradersCross_EachGetsOnlyTheirOwnSealedAnswers()
    {
        using var h = new EnclaveHarness();
        await h.CreateMarketAsync();
        ClientSession maker = await h.ConnectAsync();
        ClientSession taker = await h.ConnectAsync();
        await h.DepositAsync(maker, Base, 100);
        await h.DepositAsync(taker, Quote, 10_000);

        EnclaveReply rest = await h.SendAsync(maker, 1, Limit(11, OrderSide.Sell, 100, 5));
        EnclaveReply take = await h.SendAsync(taker, 1, Limit(21, OrderSide.Buy, 100, 3, OrderTimeInForce.Ioc));

        Assert.Equal(ReplyStatus.Done, take.Status);
        List<DecodedResponse> takerSeen = h.Open(taker, take);
        List<DecodedResponse> makerSeen = h.Open(maker, rest);
        Assert.Equal([ResponseKind.BalanceChanged, ResponseKind.OrderAccepted, ResponseKind.OrderFilled], takerSeen.Select(r => r.Kind));
        Assert.Equal(21, takerSeen[2].Filled.ClientOrderId);
        Assert.Equal(3, takerSeen[2].Filled.Quantity);
        Assert.Equal(Liquidity.Taker, takerSeen[2].Filled.Liquidity);
        Assert.Equal([ResponseKind.BalanceChanged, ResponseKind.OrderAccepted, ResponseKind.OrderFilled], makerSeen.Select(r => r.Kind));
        Assert.Equal(11, makerSeen[2].Filled.ClientOrderId);
        Assert.Equal(Liquidity.Maker, makerSeen[2].Filled.Liquidity);

        // The taker's request id marks its own answers; the maker's fill is an unsolicited event (request id 0).
        Assert.Equal(1UL, takerSeen[2].ClientRequestId);
        Assert.Equal(0UL, makerSeen[2].ClientRequestId);
        Assert.True(h.Core.Accounts.TryGet(maker.Account, out int m));
        Assert.Equal((95, 2, 300), (h.Core.Engine.GetAvailable(m, Base), h.Core.Engine.GetHeld(m, Base), h.Core.Engine.GetAvailable(m, Quote)));
    }

    [Fact]
    public async Task Reply_WhileItsFsyncIsHeld_IsNotReleasedUntilDurable()
    {
        GatedFolder? gated = null;
        using var h = new EnclaveHarness(wrap: f => gated = new GatedFolder(f));
        await h.CreateMarketAsync();
        ClientSession trader = await h.ConnectAsync();
        await h.DepositAsync(trader, Quote, 10_000);
        int outboxBefore = h.Outbox.Delivered.Count;
        long durableBefore = h.Journal.DurableSequence;

        gated!.Close();
        Task<EnclaveReply> pending;
        Task<EnclaveReply> deposit;
        try
        {
            pending = h.SendAsync(trader, 1, Limit(1, OrderSide.Buy, 100, 5));
            deposit = h.OperatorAsync(EnclaveRecords.Deposit(0, trader.Account, Quote, 1));
            SpinWait.SpinUntil(() => gated.Waiting == 1, TimeSpan.FromSeconds(30));
            Assert.Equal(1, gated.Waiting);

            Assert.False(pending.IsCompleted, "an answer left before its record was durable");
            Assert.False(deposit.IsCompleted);
            Assert.Equal(outboxBefore, h.Outbox.Delivered.Count);
            Assert.Equal(durableBefore, h.Journal.DurableSequence);
        }
        finally
        {
            gated.Open();
        }

        EnclaveReply reply = await pending;
        Assert.Equal(ReplyStatus.Done, reply.Status);
        Assert.True(h.Journal.DurableSequence >= reply.JournalSequence && reply.JournalSequence > durableBefore);
        Assert.Equal(ReplyStatus.Done, (await deposit).Status);
    }

    [Fact]
    public async Task Submit_RingFull_AnswersBusyAndDoesNothing_ThenTheRetryIsAccepted()
    {
        GatedFolder? gated = null;
        using var h = new EnclaveHarness(options: new EnclavePipelineOptions { RingSize = 4 }, wrap: f => gated = new GatedFolder(f));
        await h.CreateMarketAsync();
        ClientSession trader = await h.ConnectAsync();
        await h.DepositAsync(trader, Quote, 100_000);
        byte[][] envelopes = Enumerable.Range(1, 10).Select(i => h.Seal(trader, (ulong)i, Limit(i, OrderSide.Buy, 10 + i, 1))).ToArray();

        gated!.Close();
        var replies = new List<Task<EnclaveReply>>();
        try
        {
            replies.Add(h.Pipeline.SubmitEnvelopeAsync(envelopes[0]));
            Assert.True(SpinWait.SpinUntil(() => gated.Waiting == 1, TimeSpan.FromSeconds(30)));
            for (int i = 1; i < envelopes.Length; i++)
            {
                replies.Add(h.Pipeline.SubmitEnvelopeAsync(envelopes[i]));
            }
        }
        finally
        {
            gated.Open();
        }

        EnclaveReply[] answers = await Task.WhenAll(replies);
        Assert.Equal(Enumerable.Repeat(ReplyStatus.Done, 4).Concat(Enumerable.Repeat(ReplyStatus.Busy, 6)), answers.Select(a => a.Status));
        Assert.Equal(4, OpenOrders(h, trader).Length);

        // Busy consumed nothing: the fifth envelope, sent again as it was, is the next in sequence and is accepted.
        EnclaveReply retry = await h.Pipeline.SubmitEnvelopeAsync(envelopes[4]);
        Assert.Equal(ReplyStatus.Done, retry.Status);
        Assert.Equal(5, OpenOrders(h, trader).Length);
    }

    [Fact]
    public async Task Envelope_ReplayedOrBroken_IsRefusedWithItsReasonAndNotJournaled()
    {
        using var h = new EnclaveHarness();
        await h.CreateMarketAsync();
        ClientSession trader = await h.ConnectAsync();
        await h.DepositAsync(trader, Quote, 10_000);
        byte[] envelope = h.Seal(trader, 1, Limit(1, OrderSide.Buy, 100, 1));
        Assert.Equal(ReplyStatus.Done, (await h.Pipeline.SubmitEnvelopeAsync(envelope)).Status);
        long journaled = h.Journal.LastAppendedSequence;
        long hash = h.Core.ComputeStateHash();

        EnclaveReply replayed = await h.Pipeline.SubmitEnvelopeAsync(envelope);
        byte[] flipped = h.Seal(trader, 2, Limit(2, OrderSide.Buy, 100, 1));
        flipped[^1] ^= 1;
        EnclaveReply forged = await h.Pipeline.SubmitEnvelopeAsync(flipped);
        EnclaveReply truncated = await h.Pipeline.SubmitEnvelopeAsync(envelope.AsSpan(0, 20));
        EnclaveReply oversized = await h.Pipeline.SubmitEnvelopeAsync(new byte[EnvelopeLayout.MaxEnvelopeSize + 1]);

        Assert.Equal((ReplyStatus.Refused, EnvelopeReject.Replay), (replayed.Status, replayed.EnvelopeReject));
        Assert.Equal((ReplyStatus.Refused, EnvelopeReject.AuthenticationFailed), (forged.Status, forged.EnvelopeReject));
        Assert.Equal((ReplyStatus.Refused, EnvelopeReject.Truncated), (truncated.Status, truncated.EnvelopeReject));
        Assert.Equal((ReplyStatus.Refused, EnvelopeReject.UnexpectedSizeClass), (oversized.Status, oversized.EnvelopeReject));
        Assert.All([replayed, forged, truncated, oversized], r => Assert.Equal(0, r.JournalSequence));
        Assert.Equal(journaled, h.Journal.LastAppendedSequence);
        Assert.Equal(hash, h.Core.ComputeStateHash());
    }

    [Fact]
    public async Task Request_ResubmittedWithTheSameRequestId_ReturnsTheFirstOutcomeAndExecutesOnce()
    {
        using var h = new EnclaveHarness();
        await h.CreateMarketAsync();
        ClientSession trader = await h.ConnectAsync();
        await h.DepositAsync(trader, Quote, 10_000);
        List<DecodedResponse> first = h.Open(trader, await h.SendAsync(trader, 5, Limit(50, OrderSide.Buy, 100, 1)));

        // Same request id, another body (a client that lost the answer and rebuilt the request): never a second execution.
        List<DecodedResponse> again = h.Open(trader, await h.SendAsync(trader, 5, Limit(51, OrderSide.Buy, 90, 2)));

        Assert.Equal(ResponseKind.OrderAccepted, first[^1].Kind);
        DecodedResponse repeated = Assert.Single(again);
        Assert.Equal(ResponseKind.OrderAccepted, repeated.Kind);
        Assert.Equal(50, repeated.Accepted.ClientOrderId);
        Assert.Single(OpenOrders(h, trader));
    }

    [Fact]
    public async Task Handshake_BadSignatureOrReplayed_IsRefusedWithItsReason()
    {
        using var h = new EnclaveHarness();
        ClientSession client = h.NewClient();
        byte[] message = client.HandshakeMessage.ToArray();
        Assert.Equal(ReplyStatus.Done, (await h.Pipeline.SubmitHandshakeAsync(message)).Status);

        EnclaveReply replayed = await h.Pipeline.SubmitHandshakeAsync(message);
        message[^1] ^= 1;
        EnclaveReply tampered = await h.Pipeline.SubmitHandshakeAsync(message);

        Assert.Equal((ReplyStatus.Refused, HandshakeReject.SessionExists), (replayed.Status, replayed.HandshakeReject));
        Assert.Equal(ReplyStatus.Refused, tampered.Status);
        Assert.NotEqual(HandshakeReject.None, tampered.HandshakeReject);
    }

    [Fact]
    public async Task OperatorRecord_Malformed_ThrowsAndNothingIsSubmitted()
    {
        using var h = new EnclaveHarness();
        long journaled = h.Journal.LastAppendedSequence;
        byte[] tooShort = EnclaveRecords.Auction(0, Market)[..^1];
        byte[] unknownKind = EnclaveRecords.Tick(0);
        unknownKind[0] = 99;

        Assert.Throws<ArgumentException>(() => { _ = h.Pipeline.SubmitOperatorAsync(tooShort); });
        Assert.Throws<ArgumentException>(() => { _ = h.Pipeline.SubmitOperatorAsync(unknownKind); });
        Assert.Throws<ArgumentException>(() => { _ = h.Pipeline.SubmitOperatorAsync(new byte[EnclaveRecords.HeaderSize + 4]); });
        Assert.Equal(ReplyStatus.Done, (await h.OperatorAsync(EnclaveRecords.Tick(0))).Status);
        Assert.Equal(journaled + 1, h.Journal.LastAppendedSequence);
    }

    [Fact]
    public async Task Time_IsStampedBySequencer_IntoRecordAndAnswers()
    {
        using var h = new EnclaveHarness();
        await h.CreateMarketAsync();
        ClientSession trader = await h.ConnectAsync();
        await h.DepositAsync(trader, Quote, 10_000);
        h.Clock.UnixMs = Start + 12_345;

        List<DecodedResponse> seen = h.Open(trader, await h.SendAsync(trader, 1, Limit(1, OrderSide.Buy, 100, 1)));

        Assert.Equal(Start + 12_345, seen[^1].TimeUnixMs);
        Assert.Equal(Start + 12_345, h.Core.Time);

        // The clock going back never moves enclave time back.
        h.Clock.UnixMs = Start;
        List<DecodedResponse> later = h.Open(trader, await h.SendAsync(trader, 2, Limit(2, OrderSide.Buy, 100, 1)));
        Assert.Equal(Start + 12_345, later[^1].TimeUnixMs);
    }

    [Fact]
    public async Task Disconnect_SessionWithCancelOnDisconnect_CancelsItsOrdersAndReplaysTheSame()
    {
        using var h = new EnclaveHarness();
        await h.CreateMarketAsync();
        ClientSession careful = await h.ConnectAsync(flags: SessionFlags.CancelOnDisconnect);
        ClientSession relaxed = await h.ConnectAsync();
        await h.DepositAsync(careful, Quote, 10_000);
        await h.DepositAsync(relaxed, Quote, 10_000);
        _ = h.Open(careful, await h.SendAsync(careful, 1, Limit(1, OrderSide.Buy, 100, 2)));
        _ = h.Open(relaxed, await h.SendAsync(relaxed, 1, Limit(2, OrderSide.Buy, 100, 2)));

        Assert.Equal(ReplyStatus.Done, (await h.OperatorAsync(EnclaveRecords.Disconnect(0, careful.SessionId))).Status);
        Assert.Equal(ReplyStatus.Done, (await h.OperatorAsync(EnclaveRecords.Disconnect(0, relaxed.SessionId))).Status);

        Assert.Empty(OpenOrders(h, careful));
        Assert.Single(OpenOrders(h, relaxed));
        List<DecodedResponse> told = h.Open(careful);
        Assert.Contains(told, r => r.Kind == ResponseKind.OrderCancelled && r.Cancelled.ClientOrderId == 1 && r.Cancelled.Reason == CancelCode.Disconnect);

        long hash = h.Core.ComputeStateHash();
        h.Stop();
        h.Reopen();
        Assert.Equal(hash, h.Core.ComputeStateHash());
        Assert.Empty(OpenOrders(h, careful));
    }

    [Fact]
    public async Task Snapshot_TakenWhileRunning_RecoveryRestoresItAndReplaysTheRestToTheSameHash()
    {
        using var h = new EnclaveHarness(options: new EnclavePipelineOptions { SnapshotEveryRecords = 0 });
        (_, ClientSession b) = await BuyerWithBidsAndSellerAsync(h, bids: 20, levels: 10, lowest: 90);

        var snapshot = await h.Pipeline.SnapshotAsync();
        Assert.NotNull(snapshot);
        for (int i = 1; i <= 10; i++)
        {
            _ = await h.SendAsync(b, (ulong)i, Limit(100 + i, OrderSide.Sell, 95, 2, OrderTimeInForce.Ioc));
        }

        AssertRecoversFrom(h, snapshot.Position);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(8 * 1024 * 1024)]
    [InlineData(16 * 1024 * 1024)]
    public async Task Snapshot_WithPeriodicSnapshotsOn_AnyBufferReserve_RecoveryRestoresItToTheSameHash(int reserve)
    {
        // Periodic snapshots on (never due here): the buffer is made ready at start, with the configured reserve.
        using var h = new EnclaveHarness(options: new EnclavePipelineOptions { SnapshotEveryRecords = 1_000_000, SnapshotBufferBytes = reserve });

        // The journal's buffer for the sealed file is made ready for the same size before intake starts.
        Assert.True(h.Journal.SnapshotFileBuffer.Length >= reserve, $"{h.Journal.SnapshotFileBuffer.Length} < {reserve}");
        (_, ClientSession b) = await BuyerWithBidsAndSellerAsync(h, bids: 20, levels: 10, lowest: 90);

        var snapshot = await h.Pipeline.SnapshotAsync();
        Assert.NotNull(snapshot);
        _ = await h.SendAsync(b, 1, Limit(101, OrderSide.Sell, 95, 2, OrderTimeInForce.Ioc));
        AssertRecoversFrom(h, snapshot.Position);
    }

    [Fact]
    public async Task Snapshot_AfterItsWrite_BothBuffersHaveRoomForTheStateToGrowByHalf()
    {
        // No reserve at start: the room after the write comes from the write's release alone.
        using var h = new EnclaveHarness(options: new EnclavePipelineOptions { SnapshotEveryRecords = 1_000_000, SnapshotBufferBytes = 0 });
        _ = await BuyerWithBidsAndSellerAsync(h, bids: 20, levels: 10, lowest: 90);

        Assert.NotNull(await h.Pipeline.SnapshotAsync());

        int state = h.Pipeline.SnapshotPauses.LastBytes;
        Assert.True(state > 0);
        long wanted = DarkPool.Enclave.Journal.Internal.SnapshotContent.FileSize(state + (state / 2));
        Assert.True(h.Journal.SnapshotFileBuffer.Length >= wanted, $"{h.Journal.SnapshotFileBuffer.Length} < {wanted}");
    }

    [Fact]
    public async Task Snapshot_WhosePruneFails_StaysDurable_IsCounted_AndRecoveryStartsFromIt()
    {
        PruneRefusingFolder? folder = null;
        var reported = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        using var h = new EnclaveHarness(
            options: new EnclavePipelineOptions
            {
                SnapshotEveryRecords = 0,
                OnSnapshotPruneFailed = e =>
                {
                    reported.Enqueue(e);
                    throw new InvalidOperationException("a failing report must not stop the prunes");
                },
            },
            journal: JournalHarness.Options(segmentSizeLimit: 1_500, retainedSnapshots: 1),
            wrap: f => folder = new PruneRefusingFolder(f));
        (_, ClientSession b) = await BuyerWithBidsAndSellerAsync(h, bids: 20, levels: 10, lowest: 90);
        Assert.NotNull(await h.Pipeline.SnapshotAsync());
        for (int i = 1; i <= 10; i++)
        {
            _ = await h.SendAsync(b, (ulong)i, Limit(100 + i, OrderSide.Sell, 95, 2, OrderTimeInForce.Ioc));
        }

        folder!.Failing = true;
        var second = await h.Pipeline.SnapshotAsync();

        Assert.NotNull(second); // durable before the prune ran: the prune's failure is not the snapshot's
        for (int i = 0; i < 500 && h.Pipeline.SnapshotPruneFailures == 0; i++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(1, h.Pipeline.SnapshotPruneFailures);
        Assert.True(folder.Refused > 0);
        Assert.IsType<IOException>(Assert.Single(reported), exactMatch: false);
        folder.Failing = false;

        // The report's own exception went nowhere: the pipeline runs on.
        Assert.False(h.Pipeline.IsStopped);
        Assert.Equal(ReplyStatus.Done, (await h.SendAsync(b, 11, Limit(111, OrderSide.Sell, 95, 2, OrderTimeInForce.Ioc))).Status);
        AssertRecoversFrom(h, second.Position);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void Options_SnapshotBufferOutOfRange_Refused(int reserve)
    {
        var options = new EnclavePipelineOptions { SnapshotBufferBytes = reserve };
        ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.Equal(nameof(EnclavePipelineOptions.SnapshotBufferBytes), e.ParamName);
    }

    [Fact]
    public async Task Snapshot_TwiceWhileRunning_TheReusedBufferHoldsTheSecondState_AndInPlaceBytesEqualAnyWritersBytes()
    {
        using var h = new EnclaveHarness(options: new EnclavePipelineOptions { SnapshotEveryRecords = 0 });
        (_, ClientSession b) = await BuyerWithBidsAndSellerAsync(h, bids: 30, levels: 20, lowest: 80);

        Assert.NotNull(await h.Pipeline.SnapshotAsync());
        for (int i = 1; i <= 5; i++)
        {
            _ = await h.SendAsync(b, (ulong)i, Limit(100 + i, OrderSide.Sell, 90, 2, OrderTimeInForce.Ioc));
        }

        var second = await h.Pipeline.SnapshotAsync();
        Assert.NotNull(second);
        Assert.Equal(2, h.Pipeline.SnapshotPauses.Count);
        Assert.True(h.Pipeline.SnapshotPauses.LastBytes > 0);
        _ = await h.SendAsync(b, 6, Limit(106, OrderSide.Sell, 85, 1, OrderTimeInForce.Ioc));

        // The in-place nesting (length slots patched in the buffer) writes exactly what a plain writer gets.
        var inPlace = new ArrayBufferWriter<byte>();
        var plain = new PlainWriter();
        h.Core.WriteSnapshot(inPlace);
        h.Core.WriteSnapshot(plain);
        Assert.Equal(plain.Written.WrittenSpan.ToArray(), inPlace.WrittenSpan.ToArray());

        AssertRecoversFrom(h, second.Position);
    }

    [Fact]
    public async Task Snapshot_CapturedInThePause_CompletedAfterMoreOrders_IsTheStateOfTheCapture()
    {
        using var h = new EnclaveHarness(options: new EnclavePipelineOptions { SnapshotEveryRecords = 0 });
        (_, ClientSession b) = await BuyerWithBidsAndSellerAsync(h, bids: 30, levels: 20, lowest: 80);
        var atCapture = new ArrayBufferWriter<byte>();
        h.Core.WriteSnapshot(atCapture);
        long hashAtCapture = h.Core.ComputeStateHash();

        // The pipeline is idle between awaited requests: the test stands in for its sequencer.
        var afterEngine = new ArrayBufferWriter<byte>();
        Assert.True(h.Core.TryCaptureSnapshot(afterEngine));
        for (int i = 1; i <= 5; i++)
        {
            _ = await h.SendAsync(b, (ulong)i, Limit(100 + i, OrderSide.Sell, 90, 2, OrderTimeInForce.Ioc));
        }

        var completed = new ArrayBufferWriter<byte>();
        h.Core.CompleteCapturedSnapshot(completed, afterEngine.WrittenSpan);
        Assert.Equal(atCapture.WrittenSpan.ToArray(), completed.WrittenSpan.ToArray());
        var now = new ArrayBufferWriter<byte>();
        h.Core.WriteSnapshot(now);
        Assert.NotEqual(hashAtCapture, h.Core.ComputeStateHash());
        Assert.NotEqual(atCapture.WrittenSpan.ToArray(), now.WrittenSpan.ToArray());

        // And the pipeline's own snapshots take the same two steps: recovery from one gives the same hash.
        var snapshot = await h.Pipeline.SnapshotAsync();
        Assert.NotNull(snapshot);
        _ = await h.SendAsync(b, 6, Limit(106, OrderSide.Sell, 85, 1, OrderTimeInForce.Ioc));
        AssertRecoversFrom(h, snapshot.Position);
    }

    [Fact]
    public async Task Snapshot_OnTheGivenScheduler_ItsBackgroundWorkRunsThere_AndRecovers()
    {
        var scheduler = new CountingScheduler();
        using var h = new EnclaveHarness(options: new EnclavePipelineOptions { SnapshotEveryRecords = 0, SnapshotScheduler = scheduler });
        (_, ClientSession b) = await BuyerWithBidsAndSellerAsync(h, bids: 10, levels: 5, lowest: 90);

        var snapshot = await h.Pipeline.SnapshotAsync();

        Assert.NotNull(snapshot);
        Assert.True(scheduler.Ran >= 1, $"{scheduler.Ran} tasks ran on the snapshot scheduler");
        _ = await h.SendAsync(b, 1, Limit(101, OrderSide.Sell, 95, 2, OrderTimeInForce.Ioc));
        AssertRecoversFrom(h, snapshot.Position);
    }

    [Fact]
    public async Task PeriodicSnapshots_ImagePreparedInTheBackground_TakenInTwoSteps_AndRecovered()
    {
        using var h = new EnclaveHarness(options: new EnclavePipelineOptions { SnapshotEveryRecords = 16 });
        (_, ClientSession b) = await BuyerWithBidsAndSellerAsync(h, bids: 20, levels: 10, lowest: 80);
        for (int i = 1; i <= 64; i++)
        {
            _ = await h.SendAsync(b, (ulong)i, Limit(200 + i, OrderSide.Sell, 120 + (i % 7), 1, OrderTimeInForce.Gtc));
        }

        var snapshot = await h.Pipeline.SnapshotAsync();
        Assert.NotNull(snapshot);
        Assert.True(h.Pipeline.SnapshotPauses.Count >= 4, $"{h.Pipeline.SnapshotPauses.Count} snapshots");
        Assert.True(h.Pipeline.SnapshotImagePreparations >= 1, "no preparation ran");
        Assert.True(h.Pipeline.SnapshotsInTwoSteps >= 1, $"{h.Pipeline.SnapshotsInTwoSteps} of {h.Pipeline.SnapshotPauses.Count} in two steps");
        _ = await h.SendAsync(b, 100, Limit(300, OrderSide.Sell, 85, 1, OrderTimeInForce.Ioc));
        AssertRecoversFrom(h, snapshot.Position);
    }

    /// <summary>
    /// A snapshot due after the book grew past the image's arrays waits for a preparation instead of allocating them in
    /// the pause. Preparations run inline here (so a queued one is done before the next record): the book, sized for 8
    /// orders, grows again and again (every order rests), some growth lands after the last preparation before a due position, and such a
    /// snapshot is taken a record or so later; recovery from the last one gives the same state.
    /// </summary>
    [Fact]
    public async Task PeriodicSnapshots_BookGrewSinceThePreparation_SnapshotWaitsForTheImage_AndRecovers()
    {
        // Books sized for 8 orders: the slots, links, levels and order index double again and again as the orders rest.
        var core = new EnclaveCoreOptions { Engine = new EngineOptions { MaxAccounts = 4096, FeeAccount = 0, ExpectedOrdersPerMarket = 8 } };
        using var h = new EnclaveHarness(options: new EnclavePipelineOptions { SnapshotEveryRecords = 16, SnapshotScheduler = new InlineScheduler() }, core: core);
        (_, ClientSession b) = await BuyerWithBidsAndSellerAsync(h, bids: 20, levels: 10, lowest: 80);
        for (int i = 1; i <= 400; i++)
        {
            _ = await h.SendAsync(b, (ulong)i, Limit(1_000 + i, OrderSide.Sell, 120 + i, 1, OrderTimeInForce.Gtc)); // each at its own price: rests
        }

        var snapshot = await h.Pipeline.SnapshotAsync();
        Assert.NotNull(snapshot);
        Assert.True(h.Pipeline.SnapshotsDeferred >= 1, $"{h.Pipeline.SnapshotsDeferred} of {h.Pipeline.SnapshotPauses.Count} waited");
        _ = await h.SendAsync(b, 1_000, Limit(3_000, OrderSide.Sell, 85, 1, OrderTimeInForce.Ioc));
        AssertRecoversFrom(h, snapshot.Position);
    }

    /// <summary>Runs each task at once on the thread that queues it.</summary>
    private sealed class InlineScheduler : TaskScheduler
    {
        protected override void QueueTask(Task task) => _ = TryExecuteTask(task);

        protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => TryExecuteTask(task);

        protected override IEnumerable<Task> GetScheduledTasks() => [];
    }

    /// <summary>Runs each task on the thread pool and counts them.</summary>
    private sealed class CountingScheduler : TaskScheduler
    {
        private int _ran;

        public int Ran => Volatile.Read(ref _ran);

        protected override void QueueTask(Task task) => ThreadPool.UnsafeQueueUserWorkItem(_ =>
        {
            Interlocked.Increment(ref _ran);
            _ = TryExecuteTask(task);
        }, null);

        protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

        protected override IEnumerable<Task> GetScheduledTasks() => [];
    }

    /// <summary>A buffer writer that is not an <see cref="ArrayBufferWriter{T}"/>: nested parts go through a copy.</summary>
    private sealed class PlainWriter : IBufferWriter<byte>
    {
        public ArrayBufferWriter<byte> Written { get; } = new();

        public void Advance(int count) => Written.Advance(count);

        public Memory<byte> GetMemory(int sizeHint = 0) => Written.GetMemory(sizeHint);

        public Span<byte> GetSpan(int sizeHint = 0) => Written.GetSpan(sizeHint);
    }

    /// <summary>Stops and recovers: from the snapshot at <paramref name="position"/>, the records after it replayed, the same hash.</summary>
    private static void AssertRecoversFrom(EnclaveHarness h, long position)
    {
        long hash = h.Core.ComputeStateHash();
        long head = h.Journal.DurableSequence;
        h.Stop();
        h.Reopen();

        Assert.Equal(position, h.Recovery.Snapshot?.Position);
        Assert.Equal(head - position, h.Recovery.ReplayedRecords);
        Assert.Equal(hash, h.Core.ComputeStateHash());
        h.Core.CheckConsistency();
    }

    /// <summary>A market, a buyer resting <paramref name="bids"/> bids of 3 over <paramref name="levels"/> prices from <paramref name="lowest"/>, and a funded seller.</summary>
    private static async Task<(ClientSession Buyer, ClientSession Seller)> BuyerWithBidsAndSellerAsync(EnclaveHarness h, int bids, int levels, long lowest)
    {
        await h.CreateMarketAsync();
        ClientSession a = await h.ConnectAsync();
        ClientSession b = await h.ConnectAsync();
        await h.DepositAsync(a, Quote, 1_000_000);
        await h.DepositAsync(b, Base, 1_000);
        for (int i = 1; i <= bids; i++)
        {
            _ = await h.SendAsync(a, (ulong)i, Limit(i, OrderSide.Buy, lowest + (i % levels), 3));
        }

        return (a, b);
    }

    private static OpenOrder[] OpenOrders(EnclaveHarness h, ClientSession client)
    {
        Assert.True(h.Core.Accounts.TryGet(client.Account, out int account));
        var orders = new OpenOrder[h.Core.Engine.GetOpenOrders(account, [])];
        _ = h.Core.Engine.GetOpenOrders(account, orders);
        return orders;
    }
}
