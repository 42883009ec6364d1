using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace DarkPool.LoadGen.Tests.Support;

// Design:
// A loopback TCP relay for one HTTP/2 connection that reads every frame on its way, so that tests can see what the
// client under test puts on the wire and what the server answers, without trusting the client's own account. Each
// direction is one pump: it reads a whole frame, records it, then forwards it, so a frame is counted before the other
// side can react to it (a stream the server ends is closed here before the client can open the next one). The counts
// are kept under one lock; the relay stops when either side closes.

/// <summary>A relay between one HTTP/2 client and a server that records the frames going each way (see the design note).</summary>
internal sealed class Http2Relay : IAsyncDisposable
{
    private const int FrameHeader = 9;
    private const byte Data = 0, Headers = 1, RstStream = 3, GoAway = 7, WindowUpdate = 8;
    private const byte EndStream = 0x1;

    private readonly Socket _listener;
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly HashSet<int> _open = [];
    private readonly List<int> _connectionWindowIncrements = [];
    private readonly Task _running;
    private long _dataToClient;
    private int _maxOpen;
    private int _resets;
    private int _goAways;

    private Http2Relay(Uri target)
    {
        _target = new IPEndPoint(IPAddress.Parse(target.Host), target.Port);
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(1);
        Address = new Uri("http://" + _listener.LocalEndPoint);
        _running = RunAsync();
    }

    /// <summary>Where the client connects.</summary>
    public Uri Address { get; }

    public static Http2Relay Start(Uri target) => new(target);

    /// <summary>What was seen so far.</summary>
    public Counts Snapshot()
    {
        lock (_gate)
        {
            return new Counts([.. _connectionWindowIncrements], _dataToClient, _maxOpen, _resets, _goAways);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        try
        {
            await _running;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The relay was stopped while waiting for its client.
        }

        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        using Socket client = await _listener.AcceptAsync(_stop.Token);
        using var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        await server.ConnectAsync(_target, _stop.Token);
        using CancellationTokenSource either = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        await Task.WhenAll(PumpAsync(client, server, fromClient: true, either), PumpAsync(server, client, fromClient: false, either));
    }

    /// <summary>Forwards frames from <paramref name="from"/> to <paramref name="to"/> until either side closes.</summary>
    private async Task PumpAsync(Socket from, Socket to, bool fromClient, CancellationTokenSource either)
    {
        // Neither side announces a larger SETTINGS_MAX_FRAME_SIZE than the default in these tests.
        byte[] buffer = new byte[FrameHeader + 16_384];
        try
        {
            if (fromClient)
            {
                // The client's connection preface comes before its first frame.
                await ReadExactlyAsync(from, buffer.AsMemory(0, 24), either.Token);
                await to.SendAsync(buffer.AsMemory(0, 24), either.Token);
            }

            while (true)
            {
                await ReadExactlyAsync(from, buffer.AsMemory(0, FrameHeader), either.Token);
                int length = (buffer[0] << 16) | (buffer[1] << 8) | buffer[2];
                if (FrameHeader + length > buffer.Length)
                {
                    throw new InvalidDataException($"A frame of {length} bytes, over the default maximum frame size.");
                }

                await ReadExactlyAsync(from, buffer.AsMemory(FrameHeader, length), either.Token);
                Record(fromClient, buffer[3], buffer[4], BinaryPrimitives.ReadInt32BigEndian(buffer.AsSpan(5)) & int.MaxValue, buffer.AsSpan(FrameHeader, length));
                int sent = 0;
                while (sent < FrameHeader + length)
                {
                    sent += await to.SendAsync(buffer.AsMemory(sent, FrameHeader + length - sent), either.Token);
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // One side closed: the relay ends both.
            await either.CancelAsync();
            to.Shutdown(SocketShutdown.Both);
        }
    }

    private static async Task ReadExactlyAsync(Socket from, Memory<byte> into, CancellationToken token)
    {
        while (!into.IsEmpty)
        {
            int read = await from.ReceiveAsync(into, token);
            if (read == 0)
            {
                throw new IOException("closed");
            }

            into = into[read..];
        }
    }

    private void Record(bool fromClient, byte type, byte flags, int stream, ReadOnlySpan<byte> payload)
    {
        lock (_gate)
        {
            if (fromClient)
            {
                if (type == Headers && _open.Add(stream))
                {
                    _maxOpen = Math.Max(_maxOpen, _open.Count);
                }
                else if (type == WindowUpdate && stream == 0)
                {
                    _connectionWindowIncrements.Add(BinaryPrimitives.ReadInt32BigEndian(payload) & int.MaxValue);
                }

                return;
            }

            switch (type)
            {
                case Data:
                    _dataToClient += payload.Length;
                    break;
                case RstStream:
                    _resets++;
                    _ = _open.Remove(stream);
                    return;
                case GoAway:
                    _goAways++;
                    return;
                default:
                    break;
            }

            if (type is Data or Headers && (flags & EndStream) != 0)
            {
                _ = _open.Remove(stream);
            }
        }
    }

    /// <summary>
    /// The client's connection-window increments (stream 0, in order), the DATA payload bytes the server sent, the most
    /// streams open at once (opened by the client's HEADERS, closed by the server's END_STREAM or RST_STREAM), and how
    /// many RST_STREAM and GOAWAY frames the server sent.
    /// </summary>
    internal sealed record Counts(IReadOnlyList<int> ConnectionWindowIncrements, long DataToClient, int MaxOpenStreams, int ResetsFromServer, int GoAwaysFromServer);
}
