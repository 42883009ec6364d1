using DarkPool.Enclave.Core;
using DarkPool.Enclave.Pipeline;
using DarkPool.Enclave.Tests.Pipeline.Support;
using DarkPool.Protocol.Client;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;
using static DarkPool.Enclave.Tests.Pipeline.MarketMakerTests;
using static DarkPool.Enclave.Tests.Pipeline.Support.EnclaveHarness;

namespace DarkPool.Enclave.Tests.Pipeline;

/// <summary>The heartbeat dead-man's switch: armed by a heartbeat, fired by journaled time only, replayed exactly.</summary>
public sealed class DeadManSwitchTests
{
    [Fact]
    public async Task Tick_PastTheDeadline_CancelsTheAccountsOrdersAsHeartbeatMissed()
    {
        using var h = new EnclaveHarness();
        ClientSession mm = await MarketMakerAsync(h);
        _ = h.Open(mm, await h.SendAsync(mm, 1, Limit(1, OrderSide.Buy, 100, 5)));
        _ = h.Open(mm, await h.SendAsync(mm, 2, new Heartbeat { ClientTime = 7, CancelAfterSeconds = 5 }));
        Assert.Equal((Start + 5_000), Assert.Single(h.Core.DeadManSwitches).Deadline);

        h.Clock.UnixMs = Start + 5_000;
        Assert.Equal(ReplyStatus.Done, (await h.OperatorAsync(EnclaveRecords.Tick(0))).Status);
        Assert.Single(OpenOrders(h, mm)); // exactly at the deadline is still in time

        h.Clock.UnixMs = Start + 5_001;
        EnclaveReply tick = await h.OperatorAsync(EnclaveRecords.Tick(0));

        Assert.True(tick.JournalSequence > 0);
        Assert.Empty(OpenOrders(h, mm));
        Assert.Equal(0, Held(h, mm, Quote));
        Assert.Empty(h.Core.DeadManSwitches);
        List<DecodedResponse> told = h.Open(mm);
        Assert.Contains(told, r => r.Kind == ResponseKind.OrderCancelled && r.Cancelled.ClientOrderId == 1 && r.Cancelled.Reason == CancelCode.HeartbeatMissed);
        Assert.Contains(told, r => r.Kind == ResponseKind.MassCancelled && r.MassCancelled.Count == 1);
    }

    [Fact]
    public async Task Heartbeat_BeforeEachDeadline_KeepsTheOrders()
    {
        using var h = new EnclaveHarness();
        ClientSession mm = await MarketMakerAsync(h);
        _ = h.Open(mm, await h.SendAsync(mm, 1, Limit(1, OrderSide.Buy, 100, 5)));
        _ = h.Open(mm, await h.SendAsync(mm, 2, new Heartbeat { CancelAfterSeconds = 5 }));

        for (int i = 1; i <= 5; i++)
        {
            h.Clock.UnixMs = Start + (i * 4_000);
            _ = h.Open(mm, await h.SendAsync(mm, (ulong)(2 + i), new Heartbeat())); // nil keeps the timeout, restarts the countdown
            _ = await h.OperatorAsync(EnclaveRecords.Tick(0));
        }

        Assert.Single(OpenOrders(h, mm));
        Assert.Equal(Start + 25_000, Assert.Single(h.Core.DeadManSwitches).Deadline);
    }

    [Fact]
    public async Task Heartbeat_ZeroDisarms_NoCancelLater()
    {
        using var h = new EnclaveHarness();
        ClientSession mm = await MarketMakerAsync(h);
        _ = h.Open(mm, await h.SendAsync(mm, 1, Limit(1, OrderSide.Buy, 100, 5)));
        _ = h.Open(mm, await h.SendAsync(mm, 2, new Heartbeat { CancelAfterSeconds = 5 }));
        _ = h.Open(mm, await h.SendAsync(mm, 3, new Heartbeat { CancelAfterSeconds = 0 }));

        h.Clock.UnixMs = Start + 60_000;
        _ = await h.OperatorAsync(EnclaveRecords.Tick(0));

        Assert.Empty(h.Core.DeadManSwitches);
        Assert.Single(OpenOrders(h, mm));
    }

    [Fact]
    public async Task Request_AfterTheDeadlineBeforeAnyTick_FiresFirstThenRuns()
    {
        using var h = new EnclaveHarness();
        ClientSession mm = await MarketMakerAsync(h);
        _ = h.Open(mm, await h.SendAsync(mm, 1, Limit(1, OrderSide.Buy, 100, 5)));
        _ = h.Open(mm, await h.SendAsync(mm, 2, new Heartbeat { CancelAfterSeconds = 5 }));

        h.Clock.UnixMs = Start + 9_000;
        List<DecodedResponse> seen = h.Open(mm, await h.SendAsync(mm, 3, Limit(2, OrderSide.Buy, 100, 5)));

        Assert.Contains(seen, r => r.Kind == ResponseKind.OrderCancelled && r.Cancelled.ClientOrderId == 1 && r.Cancelled.Reason == CancelCode.HeartbeatMissed);
        Assert.Equal(2, Assert.Single(OpenOrders(h, mm)).OrderId);
        Assert.Empty(h.Core.DeadManSwitches);
    }

    [Fact]
    public async Task Fired_ReplaysFromTheJournal_ToTheSameStateAndStaysCancelled()
    {
        using var h = new EnclaveHarness();
        ClientSession mm = await MarketMakerAsync(h);
        _ = h.Open(mm, await h.SendAsync(mm, 1, Limit(1, OrderSide.Buy, 100, 5)));
        _ = h.Open(mm, await h.SendAsync(mm, 2, new Heartbeat { CancelAfterSeconds = 2 }));
        h.Clock.UnixMs = Start + 3_000;
        _ = await h.OperatorAsync(EnclaveRecords.Tick(0));
        Assert.Empty(OpenOrders(h, mm));
        long hash = h.Core.ComputeStateHash();

        h.CrashAndRecover();

        Assert.Equal(hash, h.Core.ComputeStateHash());
        Assert.Empty(OpenOrders(h, mm));
        Assert.Equal(0, Held(h, mm, Quote));
    }

    [Fact]
    public async Task Armed_SurvivesSnapshotAndRecovery_ThenFiresOnTheNextLateTick()
    {
        using var h = new EnclaveHarness(options: new EnclavePipelineOptions { SnapshotEveryRecords = 0 });
        ClientSession mm = await MarketMakerAsync(h);
        _ = h.Open(mm, await h.SendAsync(mm, 1, Limit(1, OrderSide.Buy, 100, 5)));
        _ = h.Open(mm, await h.SendAsync(mm, 2, new Heartbeat { CancelAfterSeconds = 5 }));
        Assert.NotNull(await h.Pipeline.SnapshotAsync());
        long hash = h.Core.ComputeStateHash();

        h.Stop();
        h.Reopen();

        Assert.Equal(0, h.Recovery.ReplayedRecords);
        Assert.Equal(hash, h.Core.ComputeStateHash());
        Assert.Equal((5_000L, Start + 5_000), (h.Core.DeadManSwitches[0].TimeoutMs, h.Core.DeadManSwitches[0].Deadline));
        h.Clock.UnixMs = Start + 6_000;
        _ = await h.OperatorAsync(EnclaveRecords.Tick(0));
        Assert.Empty(OpenOrders(h, mm));
    }

    [Fact]
    public async Task Tick_ClosedSessionPastItsDeadline_DropsTheSwitchAndKeepsTheOrders()
    {
        using var h = new EnclaveHarness();
        ClientSession mm = await MarketMakerAsync(h);
        _ = h.Open(mm, await h.SendAsync(mm, 1, Limit(1, OrderSide.Buy, 100, 5)));
        _ = h.Open(mm, await h.SendAsync(mm, 2, new Heartbeat { CancelAfterSeconds = 5 }));
        _ = h.Open(mm, await h.SendAsync(mm, 3, new CloseSession()));

        h.Clock.UnixMs = Start + 6_000;
        _ = await h.OperatorAsync(EnclaveRecords.Tick(0));

        Assert.Empty(h.Core.DeadManSwitches);
        Assert.Single(OpenOrders(h, mm));
    }
}
