using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Google.Protobuf;
using Grpc.Core;

// Design:
// A load generator that shares two cores with the server it measures should cost as little as it can: the SDK's
// client (grpc-dotnet over System.Net.Http) spends about 18-20 us of CPU and allocates about 10-40 KB per unary call on
// this machine, more than the bare echo server spends answering it, so with it the generator, not the server, decided
// the ceiling (docs/PERFORMANCE.md, "Gateway over loopback"). This client speaks just enough HTTP/2 (RFC 9113) for
// unary gRPC calls over plaintext: one TCP connection, requests encoded as a constant HPACK header block (static-table
// indices and literals without indexing) and one DATA frame each, and one reader thread that parses frames and completes
// calls inline. There is no writer thread: the thread that queues bytes sends them itself, with a blocking send, unless
// another thread is sending (that one sends them too before it stops); and the pacer and reader threads defer their
// sends until they are about to wait (DeferSendsOnThisThread, FlushDeferred), so the calls they queue together leave in
// one send. The socket only ever sees blocking calls: one async call would switch it to non-blocking mode for good, and
// every blocking receive would then be an epoll wake-up on the runtime's socket thread that signals the reader (two
// thread wake-ups per read; with a writer loop on the thread pool, 42% of the generator's CPU at 14,700 calls/s went to
// the socket thread and the pool's sends). A reader blocked in a send reads nothing meanwhile; with requests of at
// most one 16 KB frame, the server's stream limit and loopback buffers of megabytes that does not fill both ways. It announces a
// header table size of 0, so the server's header blocks need no dynamic table; it decodes only what it needs (":status"
// and "grpc-status") and treats anything else (Huffman strings included) as opaque. Flow control: it opens its receive
// windows to the maximum and tops the connection window up as data arrives; it respects the server's send windows
// (connection and stream) and its concurrent-stream limit, waiting rather than failing (no stream is opened before the
// server's first SETTINGS, which carries that limit: a server refuses streams over it). Not a general client: no TLS,
// no request streaming, no CONTINUATION on the send side, a request in one DATA frame (a larger one is refused), no
// deadlines (the load measures every call to its end).

/// <summary>A minimal HTTP/2 connection for unary gRPC calls from the load generator (see the design note).</summary>
internal sealed class LeanGrpcConnection : IDisposable
{
    private const int FrameHeader = 9;
    private const byte Data = 0, Headers = 1, RstStream = 3, Settings = 4, Ping = 6, GoAway = 7, WindowUpdate = 8, Continuation = 9;
    private const byte EndStream = 0x1, Ack = 0x1, EndHeaders = 0x4, Padded = 0x8, Priority = 0x20;
    private const int MaxWindow = int.MaxValue;
    private const int WindowTopUp = 16 * 1024 * 1024;
    // One DATA frame of the size every peer accepts (RFC 9113 §4.2), so the peer's own frame maximum is never needed.
    private const int MaxRequest = 16_384;

    private readonly Socket _socket;
    private readonly string _authority;
    private readonly Lock _gate = new();
    private readonly Dictionary<int, Call> _calls = [];
    private readonly Queue<PendingSend> _waiting = new();
    private readonly Thread _reader;
    private readonly Dictionary<string, byte[]> _headerBlocks = [];
    private byte[] _out = new byte[64 * 1024];
    private int _outLength;
    private byte[] _spare = new byte[64 * 1024];
    private bool _sending; // a thread is sending _spare's bytes outside the gate; what is queued meanwhile it sends next
    private int _nextStreamId = 1;
    private long _sendWindow = 65_535;
    private int _peerInitialWindow = 65_535;
    private int _peerMaxStreams = 100;
    private bool _peerSettled; // the server's first SETTINGS (its stream limit among them) has arrived
    private long _received;
    private Exception? _failed;

    // The connections this thread queued bytes on and has not sent yet (null: this thread sends at once).
    [ThreadStatic]
    private static List<LeanGrpcConnection>? t_deferred;

    private LeanGrpcConnection(Socket socket, string authority)
    {
        _socket = socket;
        _authority = authority;
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = "lean-h2-reader" };
    }

    /// <summary>Connects to a plaintext HTTP/2 (h2c, prior knowledge) server at <paramref name="address"/>.</summary>
    public static async Task<LeanGrpcConnection> ConnectAsync(Uri address)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        // A blocking connect, off the caller's thread: an async one would leave the socket in non-blocking mode (design note).
        await Task.Run(() => socket.Connect(new IPEndPoint(IPAddress.Parse(address.Host), address.Port))).ConfigureAwait(false);
        var connection = new LeanGrpcConnection(socket, address.Authority);
        connection.Start();
        return connection;
    }

    /// <summary>
    /// One unary call: <paramref name="request"/> to <paramref name="path"/> ("/package.Service/Method"); the task ends
    /// with the response message's bytes and the call's grpc-status (the bytes are empty unless the status is OK), or with
    /// an <see cref="RpcException"/>: UNAVAILABLE if the connection fails before the answer or has failed already,
    /// RESOURCE_EXHAUSTED if the request does not fit one DATA frame of 16,384 bytes.
    /// </summary>
    public Task<(StatusCode Status, byte[] Response)> CallAsync(string path, IMessage request)
    {
        int size = request.CalculateSize();
        if (5 + size > MaxRequest)
        {
            // Refused alone, as grpc-dotnet refuses a message over its send limit; queued, it would wait forever and hold every later call behind it.
            return Task.FromException<(StatusCode, byte[])>(new RpcException(new Status(StatusCode.ResourceExhausted,
                $"A request message of {size} bytes is larger than this client sends (one DATA frame: at most {MaxRequest - 5} bytes).")));
        }

        byte[] data = new byte[5 + size];
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(1), size);
        request.WriteTo(data.AsSpan(5));
        var call = new Call();
        lock (_gate)
        {
            if (_failed is not null)
            {
                return Task.FromException<(StatusCode, byte[])>(Unavailable(_failed));
            }

            var send = new PendingSend(HeaderBlock(path), data, call);
            if (_waiting.Count > 0 || !TrySend(send))
            {
                _waiting.Enqueue(send);
            }
        }

        Queued();
        return call.Completion.Task;
    }

    /// <summary>
    /// From now on this thread's calls and control frames are sent when it calls <see cref="FlushDeferred"/> (before it
    /// waits), not one by one: for the pacer thread, whose due calls of one tick then leave together.
    /// </summary>
    public static void DeferSendsOnThisThread() => t_deferred ??= [];

    /// <summary>Sends what this thread deferred (nothing if it does not defer).</summary>
    public static void FlushDeferred()
    {
        if (t_deferred is not { Count: > 0 } deferred)
        {
            return;
        }

        // Taken out of the list first: a failed send completes calls inline on this thread, and what their continuations
        // queue goes into the emptied list (sent at this thread's next flush) rather than into the one being walked.
        LeanGrpcConnection[] connections = [.. deferred];
        deferred.Clear();
        foreach (LeanGrpcConnection connection in connections)
        {
            connection.Flush();
        }
    }

    public void Dispose()
    {
        Fail(new ObjectDisposedException(nameof(LeanGrpcConnection)));
        _socket.Dispose();
    }

    private void Start()
    {
        // Preface, our settings (no dynamic header table, no push, the largest stream window), the connection window opened.
        Span<byte> start = stackalloc byte[24 + FrameHeader + 18 + FrameHeader + 4];
        Encoding.ASCII.GetBytes("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", start);
        Span<byte> settings = start[24..];
        WriteFrameHeader(settings, 18, Settings, 0, 0);
        WriteSetting(settings[FrameHeader..], 0x1, 0);
        WriteSetting(settings[(FrameHeader + 6)..], 0x2, 0);
        WriteSetting(settings[(FrameHeader + 12)..], 0x4, MaxWindow);
        Span<byte> window = settings[(FrameHeader + 18)..];
        WriteFrameHeader(window, 4, WindowUpdate, 0, 0);
        BinaryPrimitives.WriteInt32BigEndian(window[FrameHeader..], MaxWindow - 65_535);
        _socket.Send(start);
        _reader.Start();
    }

    /// <summary>Under the gate: sends at once if a stream and window are free (appends to the output buffer).</summary>
    private bool TrySend(in PendingSend send)
    {
        if (!_peerSettled || _calls.Count >= _peerMaxStreams || _sendWindow < send.Data.Length || _peerInitialWindow < send.Data.Length)
        {
            return false;
        }

        int stream = _nextStreamId;
        _nextStreamId += 2;
        _calls[stream] = send.Call;
        _sendWindow -= send.Data.Length;
        EnsureOut(2 * FrameHeader + send.Headers.Length + send.Data.Length);
        Span<byte> o = _out.AsSpan(_outLength);
        WriteFrameHeader(o, send.Headers.Length, Headers, EndHeaders, stream);
        send.Headers.CopyTo(o[FrameHeader..]);
        o = o[(FrameHeader + send.Headers.Length)..];
        WriteFrameHeader(o, send.Data.Length, Data, EndStream, stream);
        send.Data.CopyTo(o[FrameHeader..]);
        _outLength += 2 * FrameHeader + send.Headers.Length + send.Data.Length;
        return true;
    }

    /// <summary>Under the gate: sends what waits, in order, as far as streams and windows allow.</summary>
    private void SendWaiting()
    {
        while (_waiting.Count > 0 && TrySend(_waiting.Peek()))
        {
            _ = _waiting.Dequeue();
        }
    }

    private void EnsureOut(int more)
    {
        if (_outLength + more > _out.Length)
        {
            Array.Resize(ref _out, Math.Max(_out.Length * 2, _outLength + more));
        }
    }

    /// <summary>After queuing bytes (outside the gate): sends them now, or when this thread flushes its deferred sends.</summary>
    private void Queued()
    {
        if (t_deferred is { } deferred)
        {
            if (!deferred.Contains(this))
            {
                deferred.Add(this);
            }
        }
        else
        {
            Flush();
        }
    }

    /// <summary>
    /// Sends whatever is queued with blocking sends on this thread, unless another thread is sending now: that one finds
    /// these bytes when its send returns and sends them as well, so nothing queued is left behind.
    /// </summary>
    private void Flush()
    {
        while (true)
        {
            byte[] buffer;
            int length;
            lock (_gate)
            {
                if (_sending || _outLength == 0 || _failed is not null)
                {
                    return;
                }

                _sending = true;
                buffer = _out;
                length = _outLength;
                _out = _spare;
                _outLength = 0;
            }

            try
            {
                int sent = 0;
                while (sent < length)
                {
                    sent += _socket.Send(buffer, sent, length - sent, SocketFlags.None);
                }
            }
            catch (Exception e)
            {
                Fail(e);
                return;
            }

            lock (_gate)
            {
                _spare = buffer;
                _sending = false;
            }
        }
    }

    /// <summary>Under the gate: appends a control frame (settings ack, ping ack, window update).</summary>
    private void Control(byte type, byte flags, int stream, ReadOnlySpan<byte> payload)
    {
        EnsureOut(FrameHeader + payload.Length);
        WriteFrameHeader(_out.AsSpan(_outLength), payload.Length, type, flags, stream);
        payload.CopyTo(_out.AsSpan(_outLength + FrameHeader));
        _outLength += FrameHeader + payload.Length;
    }

    private void ReadLoop()
    {
        DeferSendsOnThisThread();
        byte[] buffer = new byte[256 * 1024];
        int start = 0, end = 0;
        try
        {
            while (true)
            {
                // A whole frame in the buffer, or read more.
                if (end - start >= FrameHeader)
                {
                    int length = (buffer[start] << 16) | (buffer[start + 1] << 8) | buffer[start + 2];
                    if (FrameHeader + length > buffer.Length)
                    {
                        throw new InvalidDataException($"A frame of {length} bytes is larger than this client reads.");
                    }

                    if (end - start >= FrameHeader + length)
                    {
                        OnFrame(buffer[start + 3], buffer[start + 4], BinaryPrimitives.ReadInt32BigEndian(buffer.AsSpan(start + 5)) & int.MaxValue,
                            buffer.AsSpan(start + FrameHeader, length));
                        start += FrameHeader + length;
                        continue;
                    }
                }

                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }

                // What the frames read so far queued (the next calls of the sessions they answered, window updates, acks)
                // leaves before this thread waits for more.
                FlushDeferred();
                Flush();
                int read = _socket.Receive(buffer, end, buffer.Length - end, SocketFlags.None);
                if (read == 0)
                {
                    throw new IOException("The server closed the connection.");
                }

                end += read;
            }
        }
        catch (Exception e)
        {
            Fail(e);
        }
        finally
        {
            // Calls this thread queued on other connections (none today: a driver keeps to one) still leave.
            FlushDeferred();
        }
    }

    private void OnFrame(byte type, byte flags, int stream, ReadOnlySpan<byte> payload)
    {
        switch (type)
        {
            case Data:
                OnData(flags, stream, payload);
                break;
            case Headers:
            case Continuation:
                OnHeaders(type, flags, stream, payload);
                break;
            case RstStream:
                Complete(stream, StatusCode.Unavailable);
                break;
            case Settings:
                if ((flags & Ack) == 0)
                {
                    OnSettings(payload);
                }

                break;
            case Ping:
                if ((flags & Ack) == 0)
                {
                    lock (_gate)
                    {
                        Control(Ping, Ack, 0, payload);
                    }
                }

                break;
            case GoAway:
                throw new IOException($"The server sent GOAWAY (error {BinaryPrimitives.ReadUInt32BigEndian(payload[4..])}: {Encoding.ASCII.GetString(payload[8..])}).");
            case WindowUpdate:
                lock (_gate)
                {
                    if (stream == 0)
                    {
                        _sendWindow += BinaryPrimitives.ReadInt32BigEndian(payload) & int.MaxValue;
                        SendWaiting();
                    }
                }

                break;
            default:
                break;
        }
    }

    private void OnSettings(ReadOnlySpan<byte> payload)
    {
        lock (_gate)
        {
            for (int i = 0; i + 6 <= payload.Length; i += 6)
            {
                int value = BinaryPrimitives.ReadInt32BigEndian(payload[(i + 2)..]);
                switch (BinaryPrimitives.ReadUInt16BigEndian(payload[i..]))
                {
                    case 0x3:
                        _peerMaxStreams = value;
                        break;
                    case 0x4:
                        _peerInitialWindow = value;
                        break;
                    default:
                        break;
                }
            }

            _peerSettled = true;
            Control(Settings, Ack, 0, []);
            SendWaiting();
        }
    }

    private void OnData(byte flags, int stream, ReadOnlySpan<byte> payload)
    {
        Call? call;
        lock (_gate)
        {
            _received += payload.Length; // flow control counts the payload (padding included), not the frame header
            if (_received >= WindowTopUp)
            {
                Span<byte> increment = stackalloc byte[4];
                BinaryPrimitives.WriteInt32BigEndian(increment, (int)_received);
                Control(WindowUpdate, 0, 0, increment);
                _received = 0;
            }

            _ = _calls.TryGetValue(stream, out call);
        }

        if (call is null)
        {
            return;
        }

        payload = Unpad(flags, payload);
        call.Body.Write(payload);
        if ((flags & EndStream) != 0)
        {
            Complete(stream, call.Status ?? StatusCode.Internal);
        }
    }

    private void OnHeaders(byte type, byte flags, int stream, ReadOnlySpan<byte> payload)
    {
        Call? call;
        lock (_gate)
        {
            _ = _calls.TryGetValue(stream, out call);
        }

        if (call is null)
        {
            return;
        }

        if (type == Headers)
        {
            payload = Unpad(flags, payload);
            if ((flags & Priority) != 0)
            {
                payload = payload[5..];
            }

            call.EndsStream = (flags & EndStream) != 0;
        }

        // Header blocks are decoded as they come; a field split across a CONTINUATION is not expected from a server
        // answering gRPC with a few short fields, and would be read as unknown.
        DecodeHeaderBlock(payload, call);
        if ((flags & EndHeaders) != 0 && call.EndsStream)
        {
            Complete(stream, call.Status ?? StatusCode.Internal);
        }
    }

    private static ReadOnlySpan<byte> Unpad(byte flags, ReadOnlySpan<byte> payload) =>
        (flags & Padded) != 0 ? payload[1..(payload.Length - payload[0])] : payload;

    /// <summary>HPACK (RFC 7541) without a dynamic table: finds ":status" (static entries 8-14) and "grpc-status".</summary>
    private static void DecodeHeaderBlock(ReadOnlySpan<byte> block, Call call)
    {
        int i = 0;
        while (i < block.Length)
        {
            byte b = block[i];
            if ((b & 0x80) != 0)
            {
                int index = ReadInteger(block, ref i, 7);
                if (index is >= 9 and <= 14)
                {
                    // A static ":status" other than 200 (entry 8).
                    call.Status ??= StatusCode.Unavailable;
                }

                continue;
            }

            if ((b & 0xE0) == 0x20)
            {
                _ = ReadInteger(block, ref i, 5);
                continue;
            }

            int prefix = (b & 0xC0) == 0x40 ? 6 : 4;
            int nameIndex = ReadInteger(block, ref i, prefix);
            ReadOnlySpan<byte> name = nameIndex == 0 ? ReadString(block, ref i, out _) : [];
            ReadOnlySpan<byte> value = ReadString(block, ref i, out bool huffman);
            if (nameIndex == 0 && name.SequenceEqual("grpc-status"u8))
            {
                call.Status = !huffman && int.TryParse(Encoding.ASCII.GetString(value), out int code) ? (StatusCode)code : StatusCode.Unknown;
            }
            else if (nameIndex == 8 && !value.SequenceEqual("200"u8))
            {
                call.Status ??= StatusCode.Unavailable;
            }
        }
    }

    private static int ReadInteger(ReadOnlySpan<byte> block, ref int i, int prefixBits)
    {
        int max = (1 << prefixBits) - 1;
        int value = block[i++] & max;
        if (value < max)
        {
            return value;
        }

        int shift = 0;
        byte b;
        do
        {
            b = block[i++];
            value += (b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);
        return value;
    }

    private static ReadOnlySpan<byte> ReadString(ReadOnlySpan<byte> block, ref int i, out bool huffman)
    {
        huffman = (block[i] & 0x80) != 0;
        int length = ReadInteger(block, ref i, 7);
        ReadOnlySpan<byte> s = block.Slice(i, length);
        i += length;
        return s;
    }

    private void Complete(int stream, StatusCode status)
    {
        Call? call;
        lock (_gate)
        {
            if (!_calls.Remove(stream, out call))
            {
                return;
            }

            SendWaiting();
        }

        _ = call.Completion.TrySetResult(status == StatusCode.OK ? Unframe(call.Body.GetBuffer().AsSpan(0, (int)call.Body.Length)) : (status, []));
    }

    /// <summary>The gRPC message framing of a response: a compression flag (0), a 4-byte length, the message (copied once).</summary>
    private static (StatusCode, byte[]) Unframe(ReadOnlySpan<byte> body) =>
        body.Length >= 5 && body[0] == 0 && BinaryPrimitives.ReadInt32BigEndian(body[1..]) == body.Length - 5
            ? (StatusCode.OK, body[5..].ToArray())
            : (StatusCode.Internal, []);

    private void Fail(Exception e)
    {
        Call[] calls;
        PendingSend[] waiting;
        lock (_gate)
        {
            _failed ??= e;
            calls = [.. _calls.Values];
            waiting = [.. _waiting];
            _calls.Clear();
            _waiting.Clear();
        }

        foreach (Call call in calls.Concat(waiting.Select(w => w.Call)))
        {
            _ = call.Completion.TrySetException(Unavailable(e));
        }
    }

    /// <summary>How every call fails once the connection has (outstanding, waiting, and later calls alike).</summary>
    private static RpcException Unavailable(Exception e) => new(new Status(StatusCode.Unavailable, "The connection failed: " + e.Message));

    /// <summary>The request header block for a path (method, scheme, path, authority, content type, te), built once.</summary>
    private byte[] HeaderBlock(string path)
    {
        if (_headerBlocks.TryGetValue(path, out byte[]? block))
        {
            return block;
        }

        var b = new List<byte> { 0x83, 0x86 }; // :method POST, :scheme http (static indices 3 and 6)
        Literal(b, 4, path);
        Literal(b, 1, _authority);
        Literal(b, 31, "application/grpc");
        b.Add(0x00);
        String(b, "te");
        String(b, "trailers");
        block = [.. b];
        _headerBlocks[path] = block;
        return block;

        static void Literal(List<byte> b, int nameIndex, string value)
        {
            // Literal without indexing, indexed name (4-bit prefix).
            if (nameIndex < 15)
            {
                b.Add((byte)nameIndex);
            }
            else
            {
                b.Add(0x0F);
                b.Add((byte)(nameIndex - 15));
            }

            String(b, value);
        }

        static void String(List<byte> b, string value)
        {
            byte[] bytes = Encoding.ASCII.GetBytes(value);
            if (bytes.Length >= 127)
            {
                throw new ArgumentException("Header values this long are not supported here.", nameof(value));
            }

            b.Add((byte)bytes.Length);
            b.AddRange(bytes);
        }
    }

    private static void WriteFrameHeader(Span<byte> o, int length, byte type, byte flags, int stream)
    {
        o[0] = (byte)(length >> 16);
        o[1] = (byte)(length >> 8);
        o[2] = (byte)length;
        o[3] = type;
        o[4] = flags;
        BinaryPrimitives.WriteInt32BigEndian(o[5..], stream);
    }

    private static void WriteSetting(Span<byte> o, ushort id, int value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(o, id);
        BinaryPrimitives.WriteInt32BigEndian(o[2..], value);
    }

    private sealed class Call
    {
        public readonly TaskCompletionSource<(StatusCode, byte[])> Completion = new();
        public readonly MemoryStream Body = new();
        public StatusCode? Status;
        public bool EndsStream;
    }

    private readonly record struct PendingSend(byte[] Headers, byte[] Data, Call Call);
}
