using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using DarkPool.Enclave.Sessions;
using DarkPool.Protocol.Accounts;
using DarkPool.Protocol.Client;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Handshake;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;
using DarkPool.Protocol.Messages.Responses;

namespace DarkPool.Benchmarks.Protocol;

/// <summary>
/// One 312-byte envelope through each side of a session: the client seals a limit order (MessagePack, padding,
/// AES-256-GCM) and opens an ack; the enclave's session table opens the order (header, AES-GCM, sequence, padding,
/// MessagePack, expiry, idempotency window) and seals the ack (which it also records as the request's outcome).
/// <c>RawSeal</c>/<c>RawOpen</c> are AES-GCM and padding alone and <c>EncodeOrder</c>/<c>DecodeOrder</c> the MessagePack
/// alone, to show where the time goes. Each iteration gets a
/// fresh table or client so that sequence numbers start at 1; envelopes are sealed beforehand.
/// </summary>
[InvocationCount(Invocations)]
public class EnvelopeBenchmarks
{
    private const int Invocations = 100_000;
    private const long Now = 1_767_225_600_000;

    private static readonly PlaceOrder Order = new()
    {
        Market = 7, ClientOrderId = 1001, Side = OrderSide.Buy, Type = OrderKind.Limit, TimeInForce = OrderTimeInForce.Gtc,
        Price = 250_000, Quantity = 12, Stp = SelfTradePrevention.CancelResting,
    };

    private readonly byte[] _destination = new byte[EnvelopeLayout.StandardEnvelopeSize];
    private readonly byte[] _plaintext = new byte[EnvelopeLayout.StandardPlaintextSize];
    private readonly byte[] _nonce = new byte[EnvelopeLayout.NonceSize];
    private EnclaveKeyAgreementKey _enclaveKey = null!;
    private Secp256k1AccountKey _account = null!;
    private byte[] _ephemeral = [];
    private VerifiedHandshake _handshake = null!;
    private byte[][] _requests = [];
    private byte[][] _responses = [];
    private byte[] _message = [];
    private byte[] _orderMessage = [];
    private readonly System.Buffers.ArrayBufferWriter<byte> _encoded = new(256);
    private AesGcm _rawKey = null!;
    private SessionTable _table = null!;
    private ClientSession _client = null!;
    private int _next;

    [GlobalSetup]
    public void GlobalSetup()
    {
        _enclaveKey = EnclaveKeyAgreementKey.FromPrivateKey(Enumerable.Repeat((byte)0x11, 32).ToArray());
        _account = Secp256k1AccountKey.FromPrivateKey(Enumerable.Repeat((byte)0x33, 32).ToArray());
        _ephemeral = Enumerable.Repeat((byte)0x22, 32).ToArray();
        var quotes = new QuoteRegistry();
        quotes.Register("benchmark quote"u8);
        using ClientSession client = NewClient();
        if (!new HandshakeVerifier(_enclaveKey, quotes).TryVerify(client.HandshakeMessage, out VerifiedHandshake? handshake, out HandshakeReject reject))
        {
            throw new InvalidOperationException($"Handshake refused: {reject}.");
        }

        _handshake = handshake;
        _requests = new byte[Invocations][];
        for (int i = 0; i < Invocations; i++)
        {
            _requests[i] = new byte[EnvelopeLayout.StandardEnvelopeSize];
            client.SealRequest((ulong)i + 1, Now + 60_000, Order with { ClientOrderId = 1001 + i }, _requests[i]);
        }

        using SessionTable table = NewTable();
        _responses = new byte[Invocations][];
        for (int i = 0; i < Invocations; i++)
        {
            _responses[i] = new byte[EnvelopeLayout.StandardEnvelopeSize];
            table.TrySealResponse(_handshake.SessionId, 0, Now, new OrderAccepted { Market = 7, ClientOrderId = 1001 + i }, _responses[i], out _, out _);
        }

        _message = _requests[0][EnvelopeLayout.CiphertextOffset..(EnvelopeLayout.CiphertextOffset + 60)];
        _rawKey = new AesGcm(_handshake.Keys.ClientToEnclave, EnvelopeLayout.TagSize);
        RequestCodec.Write(_encoded, 1, Now + 60_000, Order);
        _orderMessage = _encoded.WrittenSpan.ToArray();
    }

    [IterationSetup]
    public void IterationSetup()
    {
        _table?.Dispose();
        _client?.Dispose();
        _table = NewTable();
        _client = NewClient();
        _next = 0;
    }

    [GlobalCleanup]
    public void GlobalCleanup()
    {
        _table.Dispose();
        _client.Dispose();
        _rawKey.Dispose();
        _account.Dispose();
        _enclaveKey.Dispose();
    }

    /// <summary>Client: MessagePack-encode a limit order, pad, seal.</summary>
    [Benchmark]
    public int ClientSealRequest() => _client.SealRequest((ulong)++_next, Now + 60_000, Order, _destination);

    /// <summary>Enclave: authenticate, decrypt, check and decode one order envelope.</summary>
    [Benchmark]
    public ulong EnclaveOpenRequest()
    {
        _table.TryOpenRequest(_requests[_next++], Now, out OpenedRequest request, out _);
        return request.Sequence;
    }

    /// <summary>Enclave: encode and seal an ack.</summary>
    [Benchmark]
    public int EnclaveSealResponse()
    {
        _table.TrySealResponse(_handshake.SessionId, 0, Now, new OrderAccepted { Market = 7, ClientOrderId = ++_next }, _destination, out int written, out _);
        return written;
    }

    /// <summary>Client: authenticate, decrypt, check and decode one ack.</summary>
    [Benchmark]
    public long ClientOpenResponse()
    {
        _client.TryOpenResponse(_responses[_next++], out DecodedResponse response, out _);
        return response.Accepted.ClientOrderId;
    }

    /// <summary>AES-256-GCM and padding alone, 256 bytes.</summary>
    [Benchmark(Baseline = true)]
    public int RawSeal()
    {
        EnvelopeLayout.WriteNonce((ulong)++_next, _nonce);
        return EnvelopeCipher.Seal(_rawKey, new EnvelopeHeader(EnvelopeKind.Request, EnvelopeSizeClass.Standard, _handshake.SessionId, 1), _nonce, _message, _destination);
    }

    /// <summary>AES-256-GCM open and the padding check alone, 256 bytes.</summary>
    [Benchmark]
    public int RawOpen()
    {
        byte[] envelope = _requests[_next++];
        var header = new EnvelopeHeader(EnvelopeKind.Request, EnvelopeSizeClass.Standard, _handshake.SessionId, 1);
        EnvelopeCipher.TryOpen(_rawKey, header, envelope, _plaintext, out int length, out _);
        return length;
    }

    /// <summary>MessagePack alone: encode a limit order request.</summary>
    [Benchmark]
    public int EncodeOrder()
    {
        _encoded.ResetWrittenCount();
        RequestCodec.Write(_encoded, (ulong)++_next, Now + 60_000, Order);
        return _encoded.WrittenCount;
    }

    /// <summary>MessagePack alone: decode and check a limit order request.</summary>
    [Benchmark]
    public long DecodeOrder()
    {
        RequestCodec.TryRead(_orderMessage, out DecodedRequest request);
        return request.Place.Price ?? 0;
    }

    private SessionTable NewTable()
    {
        var table = new SessionTable(new SessionTableOptions());
        if (!table.TryOpenSession(_handshake, Now, out HandshakeReject reject))
        {
            throw new InvalidOperationException($"Session refused: {reject}.");
        }

        return table;
    }

    private ClientSession NewClient()
    {
        using ECDiffieHellman ephemeral = KeyAgreement.FromPrivateKey(_ephemeral);
        return ClientSession.Create(_enclaveKey.PublicKey, SHA256.HashData("benchmark quote"u8), _account, Now + 60_000, SessionFlags.None, ephemeral);
    }
}
