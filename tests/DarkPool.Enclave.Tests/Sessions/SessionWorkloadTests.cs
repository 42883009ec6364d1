using System.Buffers;
using DarkPool.Enclave.Sessions;
using DarkPool.Protocol.Client;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol;
using DarkPool.Protocol.Messages.Responses;

namespace DarkPool.Enclave.Tests.Sessions;

/// <summary>
/// Seeded random workloads: sessions opening and closing, requests in order, duplicates, replays, gaps, expired and
/// tampered envelopes, answers. The consistency check runs after every step; snapshots taken along the way restore
/// to the same state hash, and a table rebuilt by feeding the same inputs again reaches the same hash.
/// </summary>
public sealed class SessionWorkloadTests
{
    private const long Start = SessionFixture.Now;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void RandomWorkload_StaysConsistent_AndSnapshotsRestoreExactly(int seed)
    {
        using var f = new SessionFixture(new SessionTableOptions { MaxSessions = 6, IdempotencyWindow = 4, ReplayWindow = 3 });
        var random = new Random(seed);
        var clients = new List<(ClientSession Client, ulong NextId)>();
        var journal = new List<Action<SessionTable>>();
        long now = Start;

        for (int step = 0; step < 600; step++)
        {
            now += random.Next(0, 50);
            int action = random.Next(100);
            if (clients.Count == 0 || action < 5)
            {
                ClientSession client = f.NewClient(expiresAt: now + 20_000);
                VerifiedHandshake handshake = f.Verify(client);
                long at = now;
                if (f.Table.TryOpenSession(handshake, at, out _))
                {
                    clients.Add((client, 1));
                }

                journal.Add(t => t.TryOpenSession(handshake, at, out _));
            }
            else if (action < 8)
            {
                int index = random.Next(clients.Count);
                long at = now;
                SessionId id = clients[index].Client.SessionId;
                f.Table.TryClose(id, at, out _);
                journal.Add(t => t.TryClose(id, at, out _));
                clients.RemoveAt(index);
            }
            else
            {
                int index = random.Next(clients.Count);
                (ClientSession client, ulong nextId) = clients[index];
                ulong requestId = action < 20 && nextId > 1 ? nextId - (ulong)random.Next(1, 6) : nextId;
                requestId = Math.Max(requestId, 1);
                ulong sequence = client.NextRequestSequence;
                byte[] envelope = SessionFixture.Place(client, requestId, random.Next(1, 1000));
                if (action >= 90)
                {
                    envelope[random.Next(envelope.Length)] ^= (byte)(1 << random.Next(8));
                }

                long at = action is >= 85 and < 90 ? now + 10_000 : now;
                bool accepted = f.Table.TryOpenRequest(envelope, at, out OpenedRequest request, out _);
                journal.Add(t => t.TryOpenRequest(envelope, at, out _, out _));
                if (!accepted)
                {
                    client.RewindRequestSequence(sequence);
                }
                else
                {
                    clients[index] = (client, Math.Max(nextId, requestId + 1));
                    if (request.Disposition == RequestDisposition.New && random.Next(4) != 0)
                    {
                        long answeredAt = now;
                        f.Answer(request, new OrderAccepted { Market = 7, ClientOrderId = (long)requestId }, answeredAt);
                        journal.Add(t => t.TrySealResponse(request.SessionId, requestId, answeredAt, new OrderAccepted { Market = 7, ClientOrderId = (long)requestId }, new byte[EnvelopeLayout.StandardEnvelopeSize], out _, out _));
                    }
                }
            }

            f.Table.CheckConsistency();
            if (step % 97 == 0)
            {
                AssertSnapshotRestores(f.Table);
            }
        }

        AssertSnapshotRestores(f.Table);
        using var rebuilt = new SessionTable(f.Table.Options);
        foreach (Action<SessionTable> input in journal)
        {
            input(rebuilt);
        }

        Assert.Equal(f.Table.ComputeStateHash(), rebuilt.ComputeStateHash());
    }

    private static void AssertSnapshotRestores(SessionTable table)
    {
        var output = new ArrayBufferWriter<byte>();
        table.WriteSnapshot(output);
        Assert.True(SessionTable.TryRestore(table.Options, output.WrittenSpan, out SessionTable? restored, out SessionSnapshotError error), error.ToString());
        using (restored)
        {
            Assert.Equal(table.ComputeStateHash(), restored.ComputeStateHash());
        }
    }
}
