using System.Buffers;
using DarkPool.Enclave.Sessions;
using DarkPool.Protocol.Client;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Messages.Requests;
using DarkPool.Protocol.Messages.Responses;

namespace DarkPool.Enclave.Tests.Sessions;

public sealed class SessionSnapshotTests : IDisposable
{
    private const long Now = SessionFixture.Now;
    private readonly SessionFixture _f = new();

    public void Dispose() => _f.Dispose();

    private static byte[] Snapshot(SessionTable table)
    {
        var output = new ArrayBufferWriter<byte>();
        table.WriteSnapshot(output);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Open sessions with wrapped windows, complete and in-flight outcomes, and a tombstone.</summary>
    private (ClientSession Busy, ClientSession Quiet) Populate()
    {
        ClientSession busy = _f.Open();
        for (ulong id = 1; id <= 40; id++)
        {
            OpenedRequest request = _f.Accept(SessionFixture.Place(busy, id, (long)id));
            if (id % 3 != 0)
            {
                _f.Answer(request, new OrderAccepted { Market = 7, ClientOrderId = (long)id });
            }
        }

        ClientSession quiet = _f.Open(flags: Protocol.Handshake.SessionFlags.CancelOnDisconnect);
        _f.Accept(SessionFixture.Seal(quiet, 1, new Heartbeat { ClientTime = 1 }));
        ClientSession closed = _f.Open();
        _f.Accept(SessionFixture.Place(closed, 1));
        Assert.True(_f.Table.TryClose(closed.SessionId, Now + 9, out _));
        return (busy, quiet);
    }

    [Fact]
    public void WriteThenRestore_PopulatedTable_SameBytesSameHashSameSessions()
    {
        (ClientSession busy, ClientSession quiet) = Populate();
        byte[] snapshot = Snapshot(_f.Table);

        Assert.True(SessionTable.TryRestore(_f.Table.Options, snapshot, out SessionTable? restored, out SessionSnapshotError error), error.ToString());
        using (restored)
        {
            Assert.Equal(snapshot, Snapshot(restored));
            Assert.Equal(_f.Table.ComputeStateHash(), restored.ComputeStateHash());
            Assert.Equal((_f.Table.Count, _f.Table.OpenCount), (restored.Count, restored.OpenCount));
            foreach (ClientSession client in new[] { busy, quiet })
            {
                Assert.True(_f.Table.TryGetSession(client.SessionId, out SessionInfo before));
                Assert.True(restored.TryGetSession(client.SessionId, out SessionInfo after));
                Assert.Equal(before, after);
            }

            Assert.True(restored.TryGetOutcome(busy.SessionId, 40, out ReadOnlySpan<byte> outcome));
            Assert.True(_f.Table.TryGetOutcome(busy.SessionId, 40, out ReadOnlySpan<byte> original));
            Assert.Equal(original.ToArray(), outcome.ToArray());
            restored.CheckConsistency();
        }
    }

    /// <summary>After a restore the table behaves exactly as the original: same decisions, same sealed bytes.</summary>
    [Fact]
    public void Restored_FedTheSameInputs_AnswersByteForByteLikeTheOriginal()
    {
        (ClientSession busy, _) = Populate();
        Assert.True(SessionTable.TryRestore(_f.Table.Options, Snapshot(_f.Table), out SessionTable? restored, out _));
        using (restored)
        {
            byte[] replay = SessionFixture.Place(busy, 40, 40);
            busy.RewindRequestSequence(40);
            byte[][] inputs = [SessionFixture.Place(busy, 41, 41), SessionFixture.Place(busy, 39, 39), SessionFixture.Place(busy, 2, 2), replay];
            foreach (byte[] envelope in inputs)
            {
                bool a = _f.Table.TryOpenRequest(envelope, Now + 1, out OpenedRequest ra, out EnvelopeReject ea);
                bool b = restored.TryOpenRequest(envelope, Now + 1, out OpenedRequest rb, out EnvelopeReject eb);
                Assert.Equal((a, ea, ra.Sequence, ra.Disposition), (b, eb, rb.Sequence, rb.Disposition));
                if (a && ra.Disposition == RequestDisposition.New)
                {
                    var sa = new byte[EnvelopeLayout.StandardEnvelopeSize];
                    var sb = new byte[EnvelopeLayout.StandardEnvelopeSize];
                    Assert.True(_f.Table.TrySealResponse(ra.SessionId, ra.Request.ClientRequestId, Now + 2, new OrderAccepted { Market = 7, ClientOrderId = 41 }, sa, out _, out _));
                    Assert.True(restored.TrySealResponse(rb.SessionId, rb.Request.ClientRequestId, Now + 2, new OrderAccepted { Market = 7, ClientOrderId = 41 }, sb, out _, out _));
                    Assert.Equal(sa, sb);
                }

                Assert.Equal(_f.Table.ComputeStateHash(), restored.ComputeStateHash());
            }
        }
    }

    [Fact]
    public void StateHash_DoesNotDependOnTheOrderSessionsWereOpened()
    {
        VerifiedHandshake a = _f.Verify(_f.NewClient());
        VerifiedHandshake b = _f.Verify(_f.NewClient());
        using var first = new SessionTable(new SessionTableOptions());
        using var second = new SessionTable(new SessionTableOptions());

        Assert.True(first.TryOpenSession(a, Now, out _) && first.TryOpenSession(b, Now, out _));
        Assert.True(second.TryOpenSession(b, Now, out _) && second.TryOpenSession(a, Now, out _));

        using var empty = new SessionTable(new SessionTableOptions());

        Assert.Equal(Snapshot(first), Snapshot(second));
        Assert.NotEqual(empty.ComputeStateHash(), first.ComputeStateHash());
    }

    [Fact]
    public void TryRestore_EveryPrefix_IsTruncated_AndATrailingByteToo()
    {
        Populate();
        byte[] snapshot = Snapshot(_f.Table);

        for (int length = 0; length < snapshot.Length; length += length < 200 ? 1 : 97)
        {
            Assert.False(SessionTable.TryRestore(_f.Table.Options, snapshot.AsSpan(0, length), out SessionTable? table, out SessionSnapshotError error));
            Assert.Null(table);
            Assert.True(error is SessionSnapshotError.Truncated, $"length {length}: {error}");
        }

        Assert.False(SessionTable.TryRestore(_f.Table.Options, [.. snapshot, 0], out _, out SessionSnapshotError trailing));
        Assert.Equal(SessionSnapshotError.Truncated, trailing);
    }

    [Fact]
    public void TryRestore_AnyByteFlipped_IsRefused()
    {
        Populate();
        byte[] snapshot = Snapshot(_f.Table);

        for (int position = 0; position < snapshot.Length; position += position < 300 ? 1 : 13)
        {
            byte[] corrupt = (byte[])snapshot.Clone();
            corrupt[position] ^= 0x04;

            Assert.False(SessionTable.TryRestore(_f.Table.Options, corrupt, out _, out SessionSnapshotError error), $"byte {position}");
            Assert.NotEqual(SessionSnapshotError.None, error);
        }
    }

    [Theory]
    [InlineData(0, SessionSnapshotError.NotASnapshot)]
    [InlineData(4, SessionSnapshotError.UnsupportedVersion)]
    [InlineData(8, SessionSnapshotError.OptionsMismatch)]
    [InlineData(32 + 16, SessionSnapshotError.InvalidField)]
    [InlineData(32 + 30, SessionSnapshotError.HashMismatch)]
    public void TryRestore_CorruptField_NamesTheProblem(int offset, SessionSnapshotError expected)
    {
        _f.Open();
        byte[] snapshot = Snapshot(_f.Table);
        snapshot[offset] ^= 0x40;

        Assert.False(SessionTable.TryRestore(_f.Table.Options, snapshot, out _, out SessionSnapshotError error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void TryRestore_UnderOtherOptions_IsOptionsMismatch()
    {
        _f.Open();

        Assert.False(SessionTable.TryRestore(new SessionTableOptions { IdempotencyWindow = 64 }, Snapshot(_f.Table), out _, out SessionSnapshotError error));
        Assert.Equal(SessionSnapshotError.OptionsMismatch, error);
    }
}
