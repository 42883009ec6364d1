using System.Collections.Concurrent;
using DarkPool.Enclave.Pipeline;
using DarkPool.Enclave.Tests.Journal.Support;
using DarkPool.Enclave.Tests.Pipeline.Support;
using DarkPool.Protocol.Accounts;
using DarkPool.Protocol.Client;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;
using static DarkPool.Enclave.Tests.Pipeline.Support.EnclaveHarness;

namespace DarkPool.Enclave.Tests.Pipeline;

/// <summary>
/// Random trading workloads through the whole pipeline over many seeds, with the disk crashing at random operations
/// (the page-cache model: unsynced writes lost, torn or kept): after every restart the recovered journal holds every
/// record whose answer was released, and where the recovered head is a commit point the state hash equals the hash the
/// live enclave had there.
/// </summary>
public sealed class PipelineCrashRecoveryTests
{
    private const int SeedsPerBlock = 8;

    public static TheoryData<int> Blocks() => [0, 1, 2, 3, 4];

    [Theory]
    [MemberData(nameof(Blocks))]
    public async Task RandomWorkload_CrashAtRandomPoints_RecoversEveryAnsweredRecordAndTheCommittedHash(int block)
    {
        var seen = new Outcomes();
        for (int seed = block * SeedsPerBlock; seed < (block + 1) * SeedsPerBlock; seed++)
        {
            await RunSeedAsync(seed, seen);
        }

        // Not blind: the runs crashed mid-workload, compared hashes and recovered from snapshots.
        Assert.True(seen.Crashes > 0, "no crash stopped the pipeline");
        Assert.True(seen.HashesCompared > 0, "no recovered head was a commit point");
        Assert.True(seen.FromSnapshot > 0, "no recovery started from a snapshot");
        Assert.True(seen.Answered > 100, "too few answered requests");
    }

    private static async Task RunSeedAsync(int seed, Outcomes seen)
    {
        var random = new Random(seed);
        var committed = new ConcurrentDictionary<long, long>();
        var options = new EnclavePipelineOptions
        {
            RingSize = 64,
            SnapshotEveryRecords = random.Next(15, 60),
            OnBatchStaged = (last, hash) => committed[last] = hash,
        };
        using var h = new EnclaveHarness(seed, options, JournalHarness.Options(segmentSizeLimit: random.Next(3_000, 30_000), snapshotWindow: 4096));
        Secp256k1AccountKey[] accounts = [.. Enumerable.Range(0, 4).Select(_ => Secp256k1AccountKey.Generate())];
        try
        {
            await h.CreateMarketAsync();
            long maxAnswered = 0;
            long nextOrder = 1;
            for (int cycle = 0; cycle < 4; cycle++)
            {
                var clients = new List<(ClientSession Client, ulong NextRequest)>();
                foreach (Secp256k1AccountKey account in accounts)
                {
                    ClientSession client = await h.ConnectAsync(account);
                    await h.DepositAsync(client, Base, 1_000);
                    await h.DepositAsync(client, Quote, 100_000);
                    clients.Add((client, 1));
                }

                h.Disk.CrashAfter(random.Next(5, 120));
                for (int step = 0; step < 30 && !h.Pipeline.IsStopped; step++)
                {
                    var burst = new List<Task<EnclaveReply>>();
                    int size = random.Next(1, 7);
                    for (int i = 0; i < size; i++)
                    {
                        int c = random.Next(clients.Count);
                        (ClientSession client, ulong request) = clients[c];
                        clients[c] = (client, request + 1);
                        burst.Add(h.Pipeline.SubmitEnvelopeAsync(RandomRequest(h, client, request, random, ref nextOrder)));
                    }

                    foreach (EnclaveReply reply in await Task.WhenAll(burst))
                    {
                        if (reply.Status == ReplyStatus.Done)
                        {
                            seen.Answered++;
                            maxAnswered = Math.Max(maxAnswered, reply.JournalSequence);
                        }
                    }
                }

                seen.Crashes += h.Pipeline.IsStopped ? 1 : 0;
                h.CrashAndRecover();

                long head = h.Recovery.Head.Sequence;
                Assert.True(head >= maxAnswered, $"seed {seed}: record {maxAnswered} was answered but recovery ends at {head}");
                if (committed.TryGetValue(head, out long expected))
                {
                    Assert.Equal(expected, h.Core.ComputeStateHash());
                    seen.HashesCompared++;
                }

                seen.FromSnapshot += h.Recovery.Snapshot is null ? 0 : 1;
                h.Core.CheckConsistency();

                // Sequence numbers after the recovered head belong to a timeline that is gone.
                foreach (long lost in committed.Keys.Where(k => k > head).ToList())
                {
                    committed.TryRemove(lost, out _);
                }

                maxAnswered = head;
            }
        }
        finally
        {
            foreach (Secp256k1AccountKey account in accounts)
            {
                account.Dispose();
            }
        }
    }

    private static byte[] RandomRequest(EnclaveHarness h, ClientSession client, ulong request, Random random, ref long nextOrder)
    {
        long recent = Math.Max(1, nextOrder - random.Next(1, 20));
        switch (random.Next(10))
        {
            case < 6:
                var side = random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
                var tif = random.Next(4) == 0 ? OrderTimeInForce.Ioc : OrderTimeInForce.Gtc;
                return h.Seal(client, request, Limit(nextOrder++, side, random.Next(95, 106), random.Next(1, 6), tif));
            case < 8:
                return h.Seal(client, request, new CancelOrder { Market = Market, ClientOrderId = recent });
            case 8:
                return h.Seal(client, request, new AmendOrder { Market = Market, ClientOrderId = recent, NewPrice = random.Next(95, 106) });
            default:
                return h.Seal(client, request, new MassCancel { Market = Market });
        }
    }

    private sealed class Outcomes
    {
        public int Crashes { get; set; }

        public int HashesCompared { get; set; }

        public int FromSnapshot { get; set; }

        public int Answered { get; set; }
    }
}
