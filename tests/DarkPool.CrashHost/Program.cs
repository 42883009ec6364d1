using System.Globalization;
using System.Security.Cryptography;
using DarkPool.Attestation.Identity;
using DarkPool.Enclave.Core;
using DarkPool.Enclave.Journal;
using DarkPool.Enclave.Pipeline;
using DarkPool.Enclave.Platform;
using DarkPool.Enclave.Sessions;
using DarkPool.Host.Storage;

using DarkPool.Protocol.Accounts;
using DarkPool.Protocol.Client;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;
using Microsoft.Extensions.Logging.Abstractions;

// Usage: DarkPool.CrashHost DATA_FOLDER SEED
// stdout lines (the parent parses them): "recovered HEAD HASH SNAPSHOT", "state LAST_STAGED HASH" (before each group commit), "ack JOURNAL_SEQUENCE",
// "refused KIND DETAIL" (exit 3). It runs until it is killed.
if (args.Length != 2 || !int.TryParse(args[1], CultureInfo.InvariantCulture, out int seed))
{
    Console.Error.WriteLine("usage: DarkPool.CrashHost DATA_FOLDER SEED");
    return 2;
}

string data = Path.GetFullPath(args[0]);
Directory.CreateDirectory(Path.Combine(data, "journal"));
var output = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
var gate = new Lock();
void Say(string line)
{
    lock (gate)
    {
        output.WriteLine(line);
    }
}

var identity = new EnclaveIdentity(Sha256Hash.Compute("crash host enclave"u8), Sha256Hash.Compute("crash host signer"u8), 7, 1, false);
if (!SimulatedPlatform.TryOpen(new SimulatedPlatformOptions { DataFolder = Path.Combine(data, "platform") }, identity, NullLogger.Instance,
        out SimulatedPlatform? platform, out PlatformOpenError platformError))
{
    Say($"refused platform {platformError.Kind}");
    return 3;
}

var core = new EnclaveCore(new EnclaveCoreOptions());
if (!SealedJournal.TryOpen(new FileDataFolder(Path.Combine(data, "journal")), platform, core, new JournalOptions { SegmentSizeLimit = 256 * 1024 },
        out SealedJournal? journal, out JournalRecovery? recovery, out JournalOpenError error))
{
    Say($"refused {error.Kind} {error.Detail}");
    return 3;
}

Say($"recovered {recovery.Head.Sequence} {core.ComputeStateHash()} {recovery.Snapshot?.Position ?? 0}");

using var key = EnclaveKeyAgreementKey.Generate();
byte[] quote = RandomNumberGenerator.GetBytes(64);
var quotes = new QuoteRegistry();
quotes.Register(quote);
var options = new EnclavePipelineOptions
{
    RingSize = 1024,
    SnapshotEveryRecords = 500,
    OnBatchStaged = (last, hash) => Say($"state {last} {hash}"),
};
using var pipeline = EnclavePipeline.Start(core, journal, new DiscardingOutbox(), new HandshakeVerifier(key, quotes), options);
if (recovery.Head.Sequence == 0)
{
    _ = await pipeline.SubmitOperatorAsync(EnclaveRecords.CreateMarket(0, 1, 1, 2, tickSize: 1, lotSize: 1));
}

int snapshotsReported = 0;
var random = new Random(seed);
var traders = new List<Task>();
for (int t = 0; t < 4; t++)
{
    int traderSeed = random.Next();
    traders.Add(Task.Run(() => TradeAsync(traderSeed)));
}

await Task.WhenAll(traders);
return 0;

async Task TradeAsync(int traderSeed)
{
    var r = new Random(traderSeed);
    using var account = Secp256k1AccountKey.Generate();
    using ClientSession client = ClientSession.Create(key.PublicKey, SHA256.HashData(quote), account, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 600_000);
    EnclaveReply opened = await pipeline.SubmitHandshakeAsync(client.HandshakeMessage);
    if (opened.Status != ReplyStatus.Done)
    {
        return;
    }

    _ = await pipeline.SubmitOperatorAsync(EnclaveRecords.Deposit(0, client.Account, 1, 1_000_000));
    _ = await pipeline.SubmitOperatorAsync(EnclaveRecords.Deposit(0, client.Account, 2, 100_000_000));
    var envelope = new byte[EnvelopeLayout.StandardEnvelopeSize];
    long order = 1;
    for (ulong request = 1; ; request++)
    {
        long expires = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 60_000;
        if (r.Next(4) == 0 && order > 1)
        {
            client.SealRequest(request, expires, new CancelOrder { Market = 1, ClientOrderId = order - r.Next(1, (int)Math.Min(order, 20)) }, envelope);
        }
        else
        {
            client.SealRequest(request, expires, new PlaceOrder
            {
                Market = 1, ClientOrderId = order++, Side = r.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell, Type = OrderKind.Limit,
                TimeInForce = r.Next(3) == 0 ? OrderTimeInForce.Ioc : OrderTimeInForce.Gtc, Price = r.Next(95, 106), Quantity = r.Next(1, 10),
            }, envelope);
        }

        EnclaveReply reply = await pipeline.SubmitEnvelopeAsync(envelope);
        if (reply.Status == ReplyStatus.Done)
        {
            Say($"ack {reply.JournalSequence}");
            int written = pipeline.SnapshotsWritten;
            if (written > Volatile.Read(ref snapshotsReported) && Interlocked.Exchange(ref snapshotsReported, written) < written)
            {
                // A snapshot is durable: the test may wait for one before it kills, so that recoveries from a snapshot
                // are exercised however slow the machine is.
                Say($"snapshot {written}");
            }
        }
        else if (reply.Status == ReplyStatus.Busy)
        {
            client.RewindRequestSequence(client.NextRequestSequence - 1);
            request--;
            await Task.Yield();
        }
        else
        {
            return;
        }
    }
}
