using DarkPool.Enclave.Core;
using DarkPool.Enclave.Journal;
using DarkPool.Enclave.Pipeline;
using DarkPool.Enclave.Sessions;
using DarkPool.Enclave.Tests.Journal.Support;
using DarkPool.Enclave.Tests.Pipeline.Support;
using DarkPool.Enclave.Tests.Sessions;
using DarkPool.Protocol.Client;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;
using static DarkPool.Enclave.Tests.Pipeline.Support.EnclaveHarness;

namespace DarkPool.Enclave.Tests.Pipeline;

/// <summary>
/// The pipeline journals an accepted request as an <see cref="EnclaveRecordKind.OpenedEnvelope"/> record (docs/STORAGE.md
/// §6): as long as the <see cref="EnclaveRecordKind.Envelope"/> record of the same envelope, sealed in its frame like any
/// record, and replayed to the same state; journals of <see cref="EnclaveRecordKind.Envelope"/> records, and journals
/// mixing both, still recover.
/// </summary>
public sealed class OpenedEnvelopeJournalTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AcceptedEnvelope_IsJournaledOpened_AsLongAsItsEnvelopeRecord_SealedOnDisk_AndRecovers(bool bulk)
    {
        using var h = new EnclaveHarness();
        await h.CreateMarketAsync();
        ClientSession trader = await h.ConnectAsync();
        await h.DepositAsync(trader, Quote, 10_000);
        long expiresAt = h.Clock.UnixMs + 60_000;
        byte[] envelope;
        byte[] message;
        if (bulk)
        {
            var batch = new BatchPlace { Orders = [Limit(1, OrderSide.Buy, 90, 1), Limit(2, OrderSide.Buy, 91, 1)] };
            envelope = new byte[EnvelopeLayout.BulkEnvelopeSize];
            Assert.Equal(envelope.Length, trader.SealRequest(1, expiresAt, batch, envelope));
            message = SessionFixture.RequestMessage(1, batch, expiresAt);
        }
        else
        {
            PlaceOrder place = Limit(1, OrderSide.Buy, 90, 1);
            envelope = new byte[EnvelopeLayout.StandardEnvelopeSize];
            Assert.Equal(envelope.Length, trader.SealRequest(1, expiresAt, place, envelope));
            message = SessionFixture.RequestMessage(1, place, expiresAt);
        }

        EnclaveReply reply = await h.Pipeline.SubmitEnvelopeAsync(envelope);
        Assert.Equal(ReplyStatus.Done, reply.Status);
        long hash = h.Core.ComputeStateHash();
        h.Stop();

        // The request in the clear exists only inside the sealed frame: no file holds it.
        Assert.All(h.Disk.Names, name => Assert.True(h.Disk.ContentOf(name).AsSpan().IndexOf(message) < 0, $"{name} holds the request in the clear"));
        using (OpenedJournal read = JournalHarness.Open(h.Folder, h.Platform, h.JournalOptions))
        {
            byte[] record = Assert.Single(read.Target.Records, r => r.Sequence == reply.JournalSequence).Payload;
            var asEnvelope = new byte[EnclaveRecords.MaxRecordSize];
            int plaintextSize = envelope.Length - EnvelopeLayout.HeaderSize - EnvelopeLayout.TagSize;

            Assert.Equal(EnclaveRecordKind.OpenedEnvelope, EnclaveRecords.KindOf(record));
            Assert.Equal(EnclaveRecords.Envelope(0, envelope, asEnvelope), record.Length);
            Assert.Equal(bulk ? 1_089 : 321, record.Length);
            byte[] payload = record[EnclaveRecords.HeaderSize..];
            Assert.Equal(envelope[..EnvelopeLayout.HeaderSize], payload[..EnvelopeLayout.HeaderSize]);
            Assert.Equal(envelope[^EnvelopeLayout.TagSize..], payload[^EnvelopeLayout.TagSize..]);
            Assert.Equal(SessionFixture.Padded(message, plaintextSize), payload.AsSpan(EnvelopeLayout.CiphertextOffset, plaintextSize).ToArray());
            Assert.DoesNotContain(read.Target.Records, r => EnclaveRecords.KindOf(r.Payload) == EnclaveRecordKind.Envelope);
        }

        h.Reopen();
        Assert.Equal(hash, h.Core.ComputeStateHash());
    }

    [Fact]
    public async Task OpenedRequests_InTheRing_AreClearedOnceJournaled_AndWhenTheJournalFails()
    {
        GatedFolder? gated = null;
        long staged = 0;
        var options = new EnclavePipelineOptions { OnBatchStaged = (last, _) => Volatile.Write(ref staged, last) };
        using var h = new EnclaveHarness(options: options, wrap: f => gated = new GatedFolder(f));
        await h.CreateMarketAsync();
        ClientSession trader = await h.ConnectAsync();
        await h.DepositAsync(trader, Quote, 100_000);
        EnclaveReply[] done = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => h.SendAsync(trader, (ulong)i, Limit(i, OrderSide.Buy, 90, 1))));
        Assert.All(done, r => Assert.Equal(ReplyStatus.Done, r.Status));
        Assert.Equal(0, h.Pipeline.SlotsHoldingOpenedRequests());

        // A commit held: the sequencer opens the next requests in their slots, then the journal fails.
        gated!.Close();
        Task<EnclaveReply> held = h.OperatorAsync(EnclaveRecords.Tick(0));
        Assert.True(SpinWait.SpinUntil(() => gated.Waiting == 1, TimeSpan.FromSeconds(30)));
        long heldPosition = Volatile.Read(ref staged);
        List<Task<EnclaveReply>> ahead = [.. Enumerable.Range(5, 3).Select(i => h.SendAsync(trader, (ulong)i, Limit(i, OrderSide.Buy, 90, 1)))];
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref staged) == heldPosition + 3, TimeSpan.FromSeconds(30)), "the sequencer did not run ahead");
        Assert.Equal(3, h.Pipeline.SlotsHoldingOpenedRequests());
        gated.FailFlushesAfter(1);
        gated.Open();

        Assert.Equal(ReplyStatus.Done, (await held).Status);
        Assert.All(await Task.WhenAll(ahead), r => Assert.Equal(ReplyStatus.Stopped, r.Status));
        Assert.Equal(0, h.Pipeline.SlotsHoldingOpenedRequests());
    }

    [Fact]
    public async Task OpenedEnvelope_NeverEntersLive_NeitherAsAnOperatorRecordNorThroughTheCore()
    {
        using var w = new LiveJournalWriter();
        w.Setup();
        byte[] record = w.EnvelopeRecord(SessionFixture.Place(w.Client, 1));
        w.Append(record, RequestForm.Opened);
        byte[] opened = w.Journaled[^1];
        long before = w.Live.ComputeStateHash();

        Assert.Throws<ArgumentException>(() => w.Live.Execute(opened.ToArray(), DiscardOutput.Instance));
        Assert.Equal(before, w.Live.ComputeStateHash());
        using (var h = new EnclaveHarness())
        {
            long journaled = h.Journal.LastAppendedSequence;
            Assert.Throws<ArgumentException>(() => { _ = h.Pipeline.SubmitOperatorAsync(opened); });
            Assert.Equal(ReplyStatus.Done, (await h.OperatorAsync(EnclaveRecords.Tick(0))).Status);
            Assert.Equal(journaled + 1, h.Journal.LastAppendedSequence);

            // Nor through the core's replay entry: once a pipeline runs on a core, replay (which trusts an opened
            // envelope's authentication to the journal) is refused for every record.
            long live = h.Core.ComputeStateHash();
            Assert.Throws<InvalidOperationException>(() => h.Core.Replay(journaled + 2, opened));
            Assert.Throws<InvalidOperationException>(() => h.Core.Replay(journaled + 2, EnclaveRecords.Tick(0)));
            Assert.Equal(live, h.Core.ComputeStateHash());
        }

        // The same record, read from the sealed journal, is a request like any other.
        using EnclaveCore recovered = w.Recover();
        Assert.True(recovered.Sessions.TryGetSession(w.Client.SessionId, out SessionInfo info));
        Assert.Equal(2UL, info.NextRequestSequence);
    }

    [Fact]
    public void MixedJournal_EnvelopeAndOpenedRecords_RecoversToTheLiveStateHash()
    {
        foreach (RequestForm form in Enum.GetValues<RequestForm>())
        {
            using var w = new LiveJournalWriter();
            w.Workload(form);
            long live = w.Live.ComputeStateHash();
            int envelopes = w.Journaled.Count(r => EnclaveRecords.KindOf(r) == EnclaveRecordKind.Envelope);
            int opened = w.Journaled.Count(r => EnclaveRecords.KindOf(r) == EnclaveRecordKind.OpenedEnvelope);
            Assert.True(form switch { RequestForm.Sealed => opened == 0 && envelopes > 0, RequestForm.Opened => envelopes == 0 && opened > 0, _ => envelopes > 0 && opened > 0 }, $"{form}: {envelopes} sealed, {opened} opened");

            using EnclaveCore recovered = w.Recover();

            Assert.Equal(live, recovered.ComputeStateHash());
            recovered.CheckConsistency();
        }
    }

    [Fact]
    public void OpenedRecord_AnyBitFlipped_IsRefusedAsDamage()
    {
        using var w = new LiveJournalWriter();
        w.Workload(RequestForm.Opened);
        w.Close();
        string segment = w.Folder.Names.Single(n => n.EndsWith(".seg", StringComparison.Ordinal));
        List<int> offsets = Forger.RecordOffsets(w.Folder.ContentOf(segment));
        int index = w.Journaled.FindIndex(r => EnclaveRecords.KindOf(r) == EnclaveRecordKind.OpenedEnvelope);
        int frame = offsets[index];
        int payload = frame + JournalRecordLayout.HeaderSize;
        int[] flips =
        [
            payload, // the record kind
            payload + EnclaveRecords.HeaderSize + EnvelopeLayout.SessionIdOffset,
            payload + EnclaveRecords.HeaderSize + EnvelopeLayout.SequenceOffset,
            payload + EnclaveRecords.HeaderSize + EnvelopeLayout.CiphertextOffset + 20, // the request's plaintext
            payload + w.Journaled[index].Length - 1, // the envelope's tag
        ];

        foreach (int offset in flips)
        {
            w.Folder.FlipBit(segment, offset, 3);
            JournalOpenError error = JournalHarness.Refuse(w.Folder, w.Platform);
            w.Folder.FlipBit(segment, offset, 3);

            Assert.Equal(JournalErrorKind.CorruptRecord, error.Kind);
            Assert.Equal(segment, error.File);
            Assert.Equal(frame, error.Offset);
        }

        using EnclaveCore intact = w.Recover();
        Assert.Equal(w.Live.ComputeStateHash(), intact.ComputeStateHash());
    }

    public static TheoryData<string> Misfits() => ["same sequence again", "a sequence skipped", "an older sequence", "expired at the journaled time", "a closed session"];

    [Theory]
    [MemberData(nameof(Misfits))]
    public void JournaledRequestTheSessionRefuses_StopsRecoveryAtThatRecord_InEitherForm(string misfit)
    {
        var outcomes = new List<JournalOpenError>();
        long misfitSequence = 0;
        foreach (RequestForm form in new[] { RequestForm.Sealed, RequestForm.Opened })
        {
            using var w = new LiveJournalWriter();
            w.Setup();
            byte[] first = SessionFixture.Place(w.Client, 1, clientOrderId: 1);
            byte[] second = SessionFixture.Place(w.Client, 2, clientOrderId: 2);
            Assert.True(w.Execute(w.EnvelopeRecord(first), form));
            byte[] misfitEnvelope;
            switch (misfit)
            {
                case "same sequence again":
                    misfitEnvelope = first;
                    break;
                case "a sequence skipped":
                    misfitEnvelope = SessionFixture.Place(w.Client, 3, clientOrderId: 3);
                    break;
                case "an older sequence":
                    Assert.True(w.Execute(w.EnvelopeRecord(second), form));
                    misfitEnvelope = SessionFixture.SealRaw(w.Session, 1, SessionFixture.Padded(SessionFixture.RequestMessage(9, new CancelOrder { Market = Market, ClientOrderId = 1 })));
                    break;
                case "expired at the journaled time":
                    w.Time += 10_000;
                    misfitEnvelope = second;
                    break;
                default:
                    w.Client.RewindRequestSequence(2);
                    Assert.True(w.Execute(w.EnvelopeRecord(SessionFixture.Seal(w.Client, 2, new CloseSession())), form));
                    misfitEnvelope = SessionFixture.Place(w.Client, 3, clientOrderId: 3);
                    break;
            }

            // Live, the session table refuses it and nothing is journaled; a journal holding it anyway is refused at it.
            Assert.False(w.Execute(w.EnvelopeRecord(misfitEnvelope), form));
            w.Append(w.EnvelopeRecord(misfitEnvelope), form);
            misfitSequence = w.Journaled.Count;
            w.Close();
            using var core = new EnclaveCore(CoreOptions);
            bool started = SealedJournal.TryOpen(w.Folder, w.Platform, core, JournalHarness.Options(), out SealedJournal? journal, out _, out JournalOpenError error);
            journal?.Dispose();

            Assert.False(started, $"{form}: {misfit} was replayed");
            outcomes.Add(error);
        }

        // The same file, the same offset (the records are as long in both forms), the same record.
        Assert.Equal(JournalErrorKind.ReplayRefused, outcomes[0].Kind);
        Assert.Contains($"record {misfitSequence} was refused", outcomes[0].Detail, StringComparison.Ordinal);
        Assert.Equal(outcomes[0], outcomes[1]);
    }
}
