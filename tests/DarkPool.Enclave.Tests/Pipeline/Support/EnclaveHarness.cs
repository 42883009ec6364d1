using System.Security.Cryptography;
using DarkPool.Enclave.Core;
using DarkPool.Enclave.Journal;
using DarkPool.Enclave.Pipeline;
using DarkPool.Enclave.Sessions;
using DarkPool.Enclave.Storage;
using DarkPool.Enclave.Tests.Journal.Faults;
using DarkPool.Enclave.Tests.Journal.Support;
using DarkPool.Engine;
using DarkPool.Protocol.Accounts;
using DarkPool.Protocol.Client;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Handshake;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;

namespace DarkPool.Enclave.Tests.Pipeline.Support;

/// <summary>
/// A whole enclave in one test: seeded in-memory disk with the page-cache crash model, test platform, core, sealed
/// journal and pipeline, plus trader clients that seal requests and open the answers.
/// </summary>
internal sealed class EnclaveHarness : IDisposable
{
    public const long Start = 1_767_225_600_000;
    public const int Market = 7;
    public const int Base = 1;
    public const int Quote = 2;

    private static readonly byte[] QuoteBytes = "the quote this enclave issued"u8.ToArray();
    private readonly List<IDisposable> _owned = [];
    private readonly EnclaveKeyAgreementKey _key = EnclaveKeyAgreementKey.FromPrivateKey(Enumerable.Repeat((byte)0x22, 32).ToArray());
    private readonly HandshakeVerifier _verifier;
    private readonly Func<IDataFolder, IDataFolder> _wrap;

    public EnclaveHarness(int seed = 1, EnclavePipelineOptions? options = null, JournalOptions? journal = null, Func<IDataFolder, IDataFolder>? wrap = null,
        EnclaveCoreOptions? core = null)
    {
        _coreOptions = core ?? CoreOptions;
        Disk = new FaultyFolder(seed);
        var quotes = new QuoteRegistry();
        quotes.Register(QuoteBytes);
        _verifier = new HandshakeVerifier(_key, quotes);
        _wrap = wrap ?? (f => f);
        PipelineOptions = (options ?? new EnclavePipelineOptions()) with { Time = Clock };
        JournalOptions = journal ?? JournalHarness.Options();
        Reopen();
    }

    public FaultyFolder Disk { get; }

    public TestPlatform Platform { get; } = new();

    public ManualClock Clock { get; } = new(Start);

    public EnclavePipelineOptions PipelineOptions { get; }

    public JournalOptions JournalOptions { get; }

    public IDataFolder Folder { get; private set; } = null!;

    public EnclaveCore Core { get; private set; } = null!;

    public SealedJournal Journal { get; private set; } = null!;

    public JournalRecovery Recovery { get; private set; } = null!;

    public EnclavePipeline Pipeline { get; private set; } = null!;

    public RecordingOutbox Outbox { get; private set; } = null!;

    private readonly EnclaveCoreOptions _coreOptions;

    public static EnclaveCoreOptions CoreOptions { get; } = new() { Engine = new EngineOptions { MaxAccounts = 4096, FeeAccount = 0 } };

    /// <summary>Recovers from what the disk holds and starts a new pipeline.</summary>
    public void Reopen()
    {
        Folder = _wrap(Disk);
        Core = new EnclaveCore(_coreOptions);
        Assert.True(SealedJournal.TryOpen(Folder, Platform, Core, JournalOptions, out SealedJournal? journal, out JournalRecovery? recovery, out JournalOpenError error),
            error.ToString());
        Journal = journal;
        Recovery = recovery;
        Outbox = new RecordingOutbox(() => journal.DurableSequence);
        Pipeline = EnclavePipeline.Start(Core, Journal, Outbox, _verifier, PipelineOptions);
    }

    /// <summary>Stops the pipeline and the journal in an orderly way (everything acknowledged is already durable).</summary>
    public void Stop()
    {
        Pipeline.Dispose();
        Journal.Dispose();
        Core.Dispose();
    }

    /// <summary>Power cut: the process is gone, the disk keeps what the crash model lets it keep; then a restart.</summary>
    public void CrashAndRecover()
    {
        Stop();
        Disk.Restart();
        Reopen();
    }

    public ClientSession NewClient(Secp256k1AccountKey? account = null, SessionFlags flags = SessionFlags.None)
    {
        account ??= Own(Secp256k1AccountKey.Generate());
        return Own(ClientSession.Create(_key.PublicKey, SHA256.HashData(QuoteBytes), account, Clock.UnixMs + 600_000, flags));
    }

    /// <summary>A client whose session the enclave opened.</summary>
    public async Task<ClientSession> ConnectAsync(Secp256k1AccountKey? account = null, SessionFlags flags = SessionFlags.None)
    {
        ClientSession client = NewClient(account, flags);
        EnclaveReply reply = await Pipeline.SubmitHandshakeAsync(client.HandshakeMessage);
        Assert.Equal(ReplyStatus.Done, reply.Status);
        Assert.Equal(client.SessionId, reply.Session);
        return client;
    }

    public Task<EnclaveReply> OperatorAsync(byte[] record) => Pipeline.SubmitOperatorAsync(record);

    public async Task CreateMarketAsync(int market = Market, bool auction = false)
    {
        EnclaveReply reply = await OperatorAsync(EnclaveRecords.CreateMarket(0, market, Base, Quote, tickSize: 1, lotSize: 1, auction: auction));
        Assert.Equal(ReplyStatus.Done, reply.Status);
    }

    public async Task DepositAsync(ClientSession client, int asset, long amount)
    {
        EnclaveReply reply = await OperatorAsync(EnclaveRecords.Deposit(0, client.Account, asset, amount));
        Assert.Equal(ReplyStatus.Done, reply.Status);
    }

    public Task<EnclaveReply> SendAsync<T>(ClientSession client, ulong requestId, in T body)
        where T : struct, IRequestBody<T> => Pipeline.SubmitEnvelopeAsync(Seal(client, requestId, body));

    public byte[] Seal<T>(ClientSession client, ulong requestId, in T body)
        where T : struct, IRequestBody<T>
    {
        var envelope = new byte[EnvelopeLayout.StandardEnvelopeSize];
        client.SealRequest(requestId, Clock.UnixMs + 60_000, body, envelope);
        return envelope;
    }

    public static PlaceOrder Limit(long orderId, OrderSide side, long price, long quantity, OrderTimeInForce tif = OrderTimeInForce.Gtc) => new()
    {
        Market = Market, ClientOrderId = orderId, Side = side, Type = OrderKind.Limit, TimeInForce = tif, Price = price, Quantity = quantity,
    };

    /// <summary>
    /// Opens, in sequence order, every envelope for <paramref name="client"/> that it has not opened yet: its replies and
    /// what the outbox delivered to it.
    /// </summary>
    public List<DecodedResponse> Open(ClientSession client, params EnclaveReply[] replies)
    {
        var envelopes = replies.SelectMany(r => r.Envelopes).Concat(Outbox.For(client.SessionId))
            .Select(e => (Header: Header(e), Envelope: e))
            .Where(e => e.Header.Sequence >= client.NextResponseSequence)
            .OrderBy(e => e.Header.Sequence)
            .ToList();
        var opened = new List<DecodedResponse>();
        foreach ((_, byte[] envelope) in envelopes)
        {
            Assert.True(client.TryOpenResponse(envelope, out DecodedResponse response, out EnvelopeReject reject), reject.ToString());
            opened.Add(response);
        }

        return opened;
    }

    public void Dispose()
    {
        Stop();
        foreach (IDisposable owned in _owned)
        {
            owned.Dispose();
        }

        _key.Dispose();
    }

    private static EnvelopeHeader Header(byte[] envelope)
    {
        Assert.True(EnvelopeHeader.TryParse(envelope, out EnvelopeHeader header, out EnvelopeReject reject), reject.ToString());
        return header;
    }

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
