using System.Buffers.Binary;
using DarkPool.Enclave.Core;
using DarkPool.Enclave.Journal;
using DarkPool.Enclave.Pipeline;
using DarkPool.Enclave.Sessions;
using DarkPool.Enclave.Tests.Journal.Faults;
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
    public async Task AcceptedEnvelope_IsJournaledOpened_AsLongAsItsEnvelopeRecord_AndRecovers(bool bulk)
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
    public async Task OpenedEnvelope_NeverEntersLive_NeitherAsAnOperatorRecordNorThroughTheCore()
    {
        using var w = new Writer();
        w.Setup();
        byte[] record = w.EnvelopeRecord(SessionFixture.Place(w.Client, 1));
        w.Append(record, Form.Opened);
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
        }

        // The same record, read from the sealed journal, is a request like any other.
        using EnclaveCore recovered = w.Recover();
        Assert.True(recovered.Sessions.TryGetSession(w.Client.SessionId, out SessionInfo info));
        Assert.Equal(2UL, info.NextRequestSequence);
    }

    [Fact]
    public void MixedJournal_EnvelopeAndOpenedRecords_RecoversToTheLiveStateHash()
    {
        foreach (Form form in Enum.GetValues<Form>())
        {
            using var w = new Writer();
            w.Workload(form);
            long live = w.Live.ComputeStateHash();
            int envelopes = w.Journaled.Count(r => EnclaveRecords.KindOf(r) == EnclaveRecordKind.Envelope);
            int opened = w.Journaled.Count(r => EnclaveRecords.KindOf(r) == EnclaveRecordKind.OpenedEnvelope);
            Assert.True(form switch { Form.Sealed => opened == 0 && envelopes > 0, Form.Opened => envelopes == 0 && opened > 0, _ => envelopes > 0 && opened > 0 }, $"{form}: {envelopes} sealed, {opened} opened");

            using EnclaveCore recovered = w.Recover();

            Assert.Equal(live, recovered.ComputeStateHash());
            recovered.CheckConsistency();
        }
    }

    [Fact]
    public void OpenedRecord_AnyBitFlipped_IsRefusedAsDamage()
    {
        using var w = new Writer();
        w.Workload(Form.Opened);
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
        foreach (Form form in new[] { Form.Sealed, Form.Opened })
        {
            using var w = new Writer();
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

    /// <summary>How a writer journals each accepted request.</summary>
    private enum Form
    {
        /// <summary>As it arrived, <see cref="EnclaveRecordKind.Envelope"/>: what builds before kind 9 wrote.</summary>
        Sealed,

        /// <summary>As the pipeline now journals it: <see cref="EnclaveRecordKind.OpenedEnvelope"/>.</summary>
        Opened,

        /// <summary>Alternately one and the other.</summary>
        Mixed,
    }

    /// <summary>
    /// A live core journaling each record it executes and accepts, as the pipeline does one record at a time, into a
    /// sealed journal on a simulated disk; then a fresh core recovered from that journal.
    /// </summary>
    private sealed class Writer : IDisposable
    {
        private readonly SessionFixture _sessions = new();
        private readonly OpenedJournal _journal;
        private bool _closed;
        private int _requests;

        public Writer()
        {
            _journal = JournalHarness.Open(Folder, Platform);
            Client = _sessions.NewClient(expiresAt: SessionFixture.Now + 600_000);
            Session = _sessions.Verify(Client);
        }

        public FaultyFolder Folder { get; } = new(11);

        public TestPlatform Platform { get; } = new();

        public EnclaveCore Live { get; } = new(CoreOptions);

        public ClientSession Client { get; }

        public VerifiedHandshake Session { get; }

        public long Time { get; set; } = SessionFixture.Now;

        /// <summary>Every record journaled, in order.</summary>
        public List<byte[]> Journaled { get; } = [];

        public void Setup()
        {
            Assert.True(Execute(EnclaveRecords.CreateMarket(0, Market, Base, Quote, tickSize: 1, lotSize: 1)));
            Assert.True(Execute(EnclaveRecords.Handshake(0, Session)));
            Assert.True(Execute(EnclaveRecords.Deposit(0, Client.Account, Quote, 1_000_000_000)));
            Assert.True(Execute(EnclaveRecords.Deposit(0, Client.Account, Base, 1_000)));
        }

        /// <summary>Orders that rest and trade, a duplicate request id, a cancel, a batch, a refused envelope, time passing.</summary>
        public void Workload(Form form)
        {
            Setup();
            ulong id = 0;
            for (int i = 0; i < 12; i++)
            {
                OrderSide side = i % 2 == 0 ? OrderSide.Buy : OrderSide.Sell;
                byte[] place = SessionFixture.Seal(Client, ++id, new PlaceOrder
                {
                    Market = Market, ClientOrderId = 100 + i, Side = side, Type = OrderKind.Limit, Price = 1_000 + (i % 3), Quantity = 2,
                }, expiresAt: Time + 60_000);
                Assert.True(Execute(EnvelopeRecord(place), form));
                Time += 3;
            }

            Assert.True(Execute(EnvelopeRecord(SessionFixture.Seal(Client, 2, new CancelOrder { Market = Market, ClientOrderId = 999 }, expiresAt: Time + 60_000)), form));
            Assert.True(Execute(EnvelopeRecord(SessionFixture.Seal(Client, ++id, new CancelOrder { Market = Market, ClientOrderId = 100 }, expiresAt: Time + 60_000)), form));
            var batch = new byte[EnvelopeLayout.BulkEnvelopeSize];
            _ = Client.SealRequest(++id, Time + 60_000, new BatchPlace
            {
                Orders = [.. Enumerable.Range(0, 4).Select(i => new PlaceOrder { Market = Market, ClientOrderId = 200 + i, Side = OrderSide.Sell, Type = OrderKind.Limit, Price = 990 + i, Quantity = 1 })],
            }, batch);
            Assert.True(Execute(EnvelopeRecord(batch), form));
            byte[] forged = SessionFixture.Seal(Client, ++id, new CancelOrder { Market = Market, ClientOrderId = 101 }, expiresAt: Time + 60_000);
            forged[EnvelopeLayout.CiphertextOffset] ^= 1;
            Assert.False(Execute(EnvelopeRecord(forged), form));
            Client.RewindRequestSequence(Client.NextRequestSequence - 1);
            Time += 1_000;
            Assert.True(Execute(EnclaveRecords.Tick(0)));
            Assert.True(Execute(EnvelopeRecord(SessionFixture.Seal(Client, ++id, new BalanceQuery(), expiresAt: Time + 60_000)), form));
        }

        public byte[] EnvelopeRecord(byte[] envelope)
        {
            var record = new byte[EnclaveRecords.HeaderSize + envelope.Length];
            _ = EnclaveRecords.Envelope(0, envelope, record);
            return record;
        }

        /// <summary>
        /// Executes <paramref name="record"/> live at <see cref="Time"/> and journals it when it changed state: an accepted
        /// request in the <paramref name="form"/> asked for (mixed: alternately).
        /// </summary>
        public bool Execute(byte[] record, Form form = Form.Opened)
        {
            byte[] live = record.ToArray();
            BinaryPrimitives.WriteInt64LittleEndian(live.AsSpan(1), Time);
            byte[] asArrived = live.ToArray();
            bool changed = Live.Execute(live, DiscardOutput.Instance);
            if (changed)
            {
                bool opened = EnclaveRecords.KindOf(live) == EnclaveRecordKind.OpenedEnvelope;
                bool keepSealed = opened && (form == Form.Sealed || (form == Form.Mixed && _requests++ % 2 == 0));
                Journal(keepSealed ? asArrived : live);
            }

            return changed;
        }

        /// <summary>Journals a request envelope record the live core did not execute (a journal it would never have written).</summary>
        public void Append(byte[] envelopeRecord, Form form)
        {
            byte[] record = envelopeRecord.ToArray();
            BinaryPrimitives.WriteInt64LittleEndian(record.AsSpan(1), Time);
            if (form == Form.Opened)
            {
                byte[] opened = OpenedRequestTests.OpenedForm(Session, record[EnclaveRecords.HeaderSize..]);
                record[0] = (byte)EnclaveRecordKind.OpenedEnvelope;
                opened.CopyTo(record, EnclaveRecords.HeaderSize);
            }

            Journal(record);
        }

        public void Close()
        {
            if (!_closed)
            {
                _closed = true;
                _ = _journal.Journal.Commit();
                _journal.Dispose();
            }
        }

        public EnclaveCore Recover()
        {
            Close();
            var core = new EnclaveCore(CoreOptions);
            Assert.True(SealedJournal.TryOpen(Folder, Platform, core, JournalHarness.Options(), out SealedJournal? journal, out JournalRecovery? recovery, out JournalOpenError error),
                error.ToString());
            journal.Dispose();
            Assert.Equal(Journaled.Count, recovery.ReplayedRecords);
            return core;
        }

        public void Dispose()
        {
            Close();
            Live.Dispose();
            _sessions.Dispose();
        }

        private void Journal(byte[] record)
        {
            _ = _journal.Journal.Append(record);
            Journaled.Add(record);
        }
    }
}
