using DarkPool.LoadGen.Tests.Support;
using DarkPool.Perf.V1;
using Google.Protobuf;
using Grpc.Core;

namespace DarkPool.LoadGen.Tests;

/// <summary>
/// The generator's lean HTTP/2 client (<see cref="LeanGrpcConnection"/>) against a real Kestrel and grpc-dotnet server
/// on loopback: its answers, the server's stream limit, connection flow control, error statuses, and the server going away.
/// </summary>
public sealed class LeanGrpcConnectionTests
{
    private const string Unary = "/darkpool.perf.v1.Echo/Unary";

    [Fact]
    public async Task CallAsync_ManyConcurrentEchoes_EachGetsItsOwnPayload()
    {
        await using EchoServer server = await EchoServer.StartAsync<EchoLoad.Service>();
        using LeanGrpcConnection connection = await LeanGrpcConnection.ConnectAsync(server.Address);

        // Distinct contents and lengths (empty included), all in flight together.
        byte[][] payloads = [.. Enumerable.Range(0, 1_000).Select(i => Payload(i, (i * 37) % 3_000))];
        (StatusCode Status, byte[] Response)[] answers = await Task.WhenAll(payloads.Select(p => Echo(connection, p))).Within();

        for (int i = 0; i < payloads.Length; i++)
        {
            Assert.Equal(StatusCode.OK, answers[i].Status);
            Assert.Equal(payloads[i], EchoMessage.Parser.ParseFrom(answers[i].Response).Payload.ToByteArray());
        }
    }

    [Fact]
    public async Task CallAsync_ServerAllowsTwoStreams_CallsQueueAndAllComplete()
    {
        var service = new CountingEcho();
        await using EchoServer server = await EchoServer.StartAsync(service, maxStreams: 2);
        await using Http2Relay relay = Http2Relay.Start(server.Address);
        using LeanGrpcConnection connection = await LeanGrpcConnection.ConnectAsync(relay.Address);

        // Issued at once, before the server's SETTINGS (and its limit) may even have arrived.
        byte[][] payloads = [.. Enumerable.Range(0, 200).Select(i => Payload(i, 64))];
        (StatusCode Status, byte[] Response)[] answers = await Task.WhenAll(payloads.Select(p => Echo(connection, p))).Within();

        for (int i = 0; i < payloads.Length; i++)
        {
            Assert.Equal(StatusCode.OK, answers[i].Status);
            Assert.Equal(payloads[i], EchoMessage.Parser.ParseFrom(answers[i].Response).Payload.ToByteArray());
        }

        Http2Relay.Counts seen = relay.Snapshot();
        Assert.InRange(seen.MaxOpenStreams, 1, 2);
        Assert.InRange(service.MaxRunning, 1, 2);
        Assert.Equal(0, seen.ResetsFromServer);
        Assert.Equal(0, seen.GoAwaysFromServer);
    }

    [Fact]
    public async Task CallAsync_AnswersPastTwoConnectionWindowTopUps_AllAnsweredAndConnectionStaysUsable()
    {
        const int TopUp = 16 * 1024 * 1024; // the client's connection-window top-up (LeanGrpcConnection's design note)
        await using EchoServer server = await EchoServer.StartAsync<EchoLoad.Service>();
        await using Http2Relay relay = Http2Relay.Start(server.Address);
        using LeanGrpcConnection connection = await LeanGrpcConnection.ConnectAsync(relay.Address);

        // 2,500 answers of about 15 KB (one DATA frame each: 15,000 + framing stays under the 16,384-byte maximum frame).
        for (int batch = 0; batch < 5; batch++)
        {
            byte[][] payloads = [.. Enumerable.Range(batch * 500, 500).Select(i => Payload(i, 15_000))];
            (StatusCode Status, byte[] Response)[] answers = await Task.WhenAll(payloads.Select(p => Echo(connection, p))).Within();
            for (int i = 0; i < payloads.Length; i++)
            {
                Assert.Equal(StatusCode.OK, answers[i].Status);
                Assert.Equal(payloads[i], EchoMessage.Parser.ParseFrom(answers[i].Response).Payload.ToByteArray());
            }
        }

        // Still usable; and by the time this answer is back, every top-up sent before its request has passed the relay.
        byte[] last = Payload(7, 10);
        (StatusCode status, byte[] response) = await Echo(connection, last).Within();
        Assert.Equal(StatusCode.OK, status);
        Assert.Equal(last, EchoMessage.Parser.ParseFrom(response).Payload.ToByteArray());

        Http2Relay.Counts seen = relay.Snapshot();
        Assert.True(seen.DataToClient > 2L * TopUp, $"only {seen.DataToClient} bytes of DATA were received");
        Assert.Equal(0, seen.GoAwaysFromServer);
        Assert.Equal(0, seen.ResetsFromServer);

        // The first increment opens the window at the start; the others top it up as answers are consumed: at least two,
        // never granting more than was received, and never leaving more than one top-up's worth (plus the last answer) unreturned.
        IReadOnlyList<int> topUps = [.. seen.ConnectionWindowIncrements.Skip(1)];
        Assert.True(topUps.Count >= 2, $"{topUps.Count} connection-window top-ups for {seen.DataToClient} bytes received");
        long granted = topUps.Sum(i => (long)i);
        Assert.InRange(seen.DataToClient - granted, 0, TopUp + 100);
    }

    [Fact]
    public async Task CallAsync_RequestOverOneFrame_ResourceExhaustedAndConnectionCarriesOn()
    {
        await using EchoServer server = await EchoServer.StartAsync<EchoLoad.Service>();
        using LeanGrpcConnection connection = await LeanGrpcConnection.ConnectAsync(server.Address);

        // A request goes as one DATA frame of at most 16,384 bytes (the size every HTTP/2 peer accepts): 5 bytes of gRPC
        // framing, then the message (a 16,376-byte payload is 16,379 bytes of EchoMessage).
        byte[] largest = Payload(1, 16_376);
        (StatusCode status, byte[] response) = await Echo(connection, largest).Within();
        Assert.Equal(StatusCode.OK, status);
        Assert.Equal(largest, EchoMessage.Parser.ParseFrom(response).Payload.ToByteArray());

        RpcException e = await Assert.ThrowsAsync<RpcException>(() => Echo(connection, Payload(2, 16_377)).Within());
        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);

        // Refused alone: the calls after it are not held behind it.
        byte[] after = Payload(3, 100);
        (status, response) = await Echo(connection, after).Within();
        Assert.Equal(StatusCode.OK, status);
        Assert.Equal(after, EchoMessage.Parser.ParseFrom(response).Payload.ToByteArray());
    }

    [Fact]
    public async Task CallAsync_UnknownMethodOrService_Unimplemented()
    {
        await using EchoServer server = await EchoServer.StartAsync<EchoLoad.Service>();
        using LeanGrpcConnection connection = await LeanGrpcConnection.ConnectAsync(server.Address);
        var request = new EchoMessage { Payload = ByteString.CopyFrom(Payload(1, 16)) };

        (StatusCode Status, byte[] Response) method = await connection.CallAsync("/darkpool.perf.v1.Echo/Missing", request).Within();
        (StatusCode Status, byte[] Response) service = await connection.CallAsync("/darkpool.perf.v1.Missing/Unary", request).Within();

        Assert.Equal((StatusCode.Unimplemented, 0), (method.Status, method.Response.Length));
        Assert.Equal((StatusCode.Unimplemented, 0), (service.Status, service.Response.Length));

        // A trailers-only answer ends its stream cleanly: the connection carries on.
        (StatusCode status, byte[] response) = await connection.CallAsync(Unary, request).Within();
        Assert.Equal(StatusCode.OK, status);
        Assert.Equal(request, EchoMessage.Parser.ParseFrom(response));
    }

    [Fact]
    public async Task CallAsync_ServiceThrowsResourceExhausted_ResourceExhausted()
    {
        await using EchoServer server = await EchoServer.StartAsync(new RefusingEcho());
        using LeanGrpcConnection connection = await LeanGrpcConnection.ConnectAsync(server.Address);

        (StatusCode Status, byte[] Response)[] answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Echo(connection, Payload(i, 8)))).Within();

        Assert.All(answers, a => Assert.Equal((StatusCode.ResourceExhausted, 0), (a.Status, a.Response.Length)));
    }

    [Fact]
    public async Task CallAsync_ServerStopsWithCallsOutstanding_EveryCallFailsUnavailable()
    {
        var service = new HoldingEcho();
        EchoServer server = await EchoServer.StartAsync(service, maxStreams: 2);
        await using (server)
        {
            using LeanGrpcConnection connection = await LeanGrpcConnection.ConnectAsync(server.Address);

            // Two calls held by the server, ten more waiting in the client for a stream.
            Task<(StatusCode, byte[])>[] calls = [.. Enumerable.Range(0, 12).Select(i => Echo(connection, Payload(i, 32)))];
            await service.Arrived(2).Within();
            using (var abort = new CancellationTokenSource(TimeSpan.FromSeconds(1)))
            {
                await server.StopAsync(abort.Token).Within();
            }

            foreach (Task<(StatusCode, byte[])> call in calls)
            {
                RpcException e = await Assert.ThrowsAsync<RpcException>(() => call.Within());
                Assert.Equal(StatusCode.Unavailable, e.StatusCode);
            }

            // A call made afterwards fails the same way, at once.
            RpcException after = await Assert.ThrowsAsync<RpcException>(() => Echo(connection, Payload(99, 32)).Within());
            Assert.Equal(StatusCode.Unavailable, after.StatusCode);
        }
    }

    [Fact]
    public async Task Dispose_WithCallsOutstanding_EveryCallFailsUnavailable()
    {
        var service = new HoldingEcho();
        await using EchoServer server = await EchoServer.StartAsync(service, maxStreams: 2);
        LeanGrpcConnection connection = await LeanGrpcConnection.ConnectAsync(server.Address);

        Task<(StatusCode, byte[])>[] calls = [.. Enumerable.Range(0, 12).Select(i => Echo(connection, Payload(i, 32)))];
        await service.Arrived(2).Within();
        connection.Dispose();

        foreach (Task<(StatusCode, byte[])> call in calls)
        {
            RpcException e = await Assert.ThrowsAsync<RpcException>(() => call.Within());
            Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        }
    }

    [Fact]
    public async Task DeferringThread_CallsItQueued_AreAnsweredOnceItFlushes()
    {
        // Deferral saves sends; it must not lose any. (Whether a deferred call leaves before the flush is not promised:
        // the reader sends everything queued on its connection before each receive, so a frame arriving meanwhile, a
        // window update say, takes deferred calls along.)
        await using EchoServer server = await EchoServer.StartAsync<EchoLoad.Service>();
        using LeanGrpcConnection connection = await LeanGrpcConnection.ConnectAsync(server.Address);
        byte[][] payloads = [.. Enumerable.Range(0, 40).Select(i => Payload(i, 64))];
        Task<(StatusCode Status, byte[] Response)>[] calls = [];
        var pacer = new Thread(() =>
        {
            LeanGrpcConnection.DeferSendsOnThisThread();
            calls = [.. payloads.Select(p => Echo(connection, p))];
            Thread.Sleep(100);
            LeanGrpcConnection.FlushDeferred();
            LeanGrpcConnection.FlushDeferred(); // nothing left: a no-op
        }) { IsBackground = true };
        pacer.Start();
        Assert.True(pacer.Join(TimeSpan.FromSeconds(30)));

        (StatusCode Status, byte[] Response)[] answers = await Task.WhenAll(calls).Within();
        for (int i = 0; i < payloads.Length; i++)
        {
            Assert.Equal(StatusCode.OK, answers[i].Status);
            Assert.Equal(payloads[i], EchoMessage.Parser.ParseFrom(answers[i].Response).Payload.ToByteArray());
        }
    }

    [Fact]
    public async Task ManyThreadsCallingAtOnce_TheSendingHandsOff_AndEveryCallIsAnswered()
    {
        await using EchoServer server = await EchoServer.StartAsync<EchoLoad.Service>();
        using LeanGrpcConnection connection = await LeanGrpcConnection.ConnectAsync(server.Address);
        const int threads = 8, each = 100;
        var calls = new Task<(StatusCode Status, byte[] Response)>[threads * each];
        using var go = new Barrier(threads);
        Thread[] callers = [.. Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            go.SignalAndWait();
            for (int i = 0; i < each; i++)
            {
                calls[(t * each) + i] = Echo(connection, Payload((t * each) + i, 48));
            }
        }) { IsBackground = true })];
        foreach (Thread caller in callers)
        {
            caller.Start();
        }

        foreach (Thread caller in callers)
        {
            Assert.True(caller.Join(TimeSpan.FromSeconds(30)));
        }

        (StatusCode Status, byte[] Response)[] answers = await Task.WhenAll(calls).Within();
        for (int i = 0; i < calls.Length; i++)
        {
            Assert.Equal(StatusCode.OK, answers[i].Status);
            Assert.Equal(Payload(i, 48), EchoMessage.Parser.ParseFrom(answers[i].Response).Payload.ToByteArray());
        }
    }

    private static Task<(StatusCode Status, byte[] Response)> Echo(LeanGrpcConnection connection, byte[] payload) =>
        connection.CallAsync(Unary, new EchoMessage { Payload = ByteString.CopyFrom(payload) });

    /// <summary><paramref name="length"/> bytes that differ from every other index's (the index leads, then a pattern of it).</summary>
    private static byte[] Payload(int index, int length)
    {
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++)
        {
            payload[i] = (byte)(i < 4 ? index >> (8 * i) : (index * 31) + i);
        }

        return payload;
    }
}
