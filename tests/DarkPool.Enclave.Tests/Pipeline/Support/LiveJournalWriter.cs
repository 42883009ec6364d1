using System.Buffers.Binary;
using DarkPool.Enclave.Core;
using DarkPool.Enclave.Journal;
using DarkPool.Enclave.Sessions;
using DarkPool.Enclave.Tests.Journal.Faults;
using DarkPool.Enclave.Tests.Journal.Support;
using DarkPool.Enclave.Tests.Sessions;
using DarkPool.Protocol.Client;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;
using static DarkPool.Enclave.Tests.Pipeline.Support.EnclaveHarness;

namespace DarkPool.Enclave.Tests.Pipeline.Support;

/// <summary>
/// A live core journaling each record it executes and accepts, as the pipeline does one record at a time, into a
/// sealed journal on a simulated disk; then a fresh core recovered from that journal.
/// </summary>
internal sealed class LiveJournalWriter : IDisposable
{
    private readonly SessionFixture _sessions = new();
    private readonly OpenedJournal _journal;
    private bool _closed;
    private int _requests;

    public LiveJournalWriter()
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
    public void Workload(RequestForm form)
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
    public bool Execute(byte[] record, RequestForm form = RequestForm.Opened)
    {
        byte[] live = record.ToArray();
        BinaryPrimitives.WriteInt64LittleEndian(live.AsSpan(1), Time);
        byte[] asArrived = live.ToArray();
        bool changed = Live.Execute(live, DiscardOutput.Instance);
        if (changed)
        {
            bool opened = EnclaveRecords.KindOf(live) == EnclaveRecordKind.OpenedEnvelope;
            bool keepSealed = opened && (form == RequestForm.Sealed || (form == RequestForm.Mixed && _requests++ % 2 == 0));
            Journal(keepSealed ? asArrived : live);
        }

        return changed;
    }

    /// <summary>Journals a request envelope record the live core did not execute (a journal it would never have written).</summary>
    public void Append(byte[] envelopeRecord, RequestForm form)
    {
        byte[] record = envelopeRecord.ToArray();
        BinaryPrimitives.WriteInt64LittleEndian(record.AsSpan(1), Time);
        if (form == RequestForm.Opened)
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
