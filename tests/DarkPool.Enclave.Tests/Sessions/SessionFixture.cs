using System.Buffers;
using System.Security.Cryptography;
using DarkPool.Enclave.Sessions;
using DarkPool.Protocol.Accounts;
using DarkPool.Protocol.Client;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Handshake;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;

namespace DarkPool.Enclave.Tests.Sessions;

/// <summary>
/// An enclave's session side (key-agreement key, quote registry, verifier, table) and helpers to open client
/// sessions against it. Time is fixed at <see cref="Now"/> unless a test passes another.
/// </summary>
internal sealed class SessionFixture : IDisposable
{
    public const long Now = 1_767_225_600_000;

    private readonly List<IDisposable> _owned = [];

    public SessionFixture(SessionTableOptions? options = null)
    {
        Key = EnclaveKeyAgreementKey.FromPrivateKey(Enumerable.Repeat((byte)0x11, 32).ToArray());
        Quotes.Register("a quote this enclave issued"u8);
        Verifier = new HandshakeVerifier(Key, Quotes);
        Table = new SessionTable(options ?? new SessionTableOptions());
    }

    public static byte[] QuoteHash => SHA256.HashData("a quote this enclave issued"u8);

    public EnclaveKeyAgreementKey Key { get; }

    public QuoteRegistry Quotes { get; } = new();

    public HandshakeVerifier Verifier { get; }

    public SessionTable Table { get; private set; }

    public Secp256k1AccountKey NewAccount() => Own(Secp256k1AccountKey.Generate());

    public ClientSession NewClient(Secp256k1AccountKey? account = null, long expiresAt = Now + 60_000, SessionFlags flags = SessionFlags.None) =>
        Own(ClientSession.Create(Key.PublicKey, QuoteHash, account ?? NewAccount(), expiresAt, flags));

    public VerifiedHandshake Verify(ClientSession client)
    {
        Assert.True(Verifier.TryVerify(client.HandshakeMessage, out VerifiedHandshake? handshake, out HandshakeReject reject), reject.ToString());
        return handshake;
    }

    /// <summary>A client whose session is open in the table.</summary>
    public ClientSession Open(Secp256k1AccountKey? account = null, SessionFlags flags = SessionFlags.None)
    {
        ClientSession client = NewClient(account, flags: flags);
        Assert.True(Table.TryOpenSession(Verify(client), Now, out HandshakeReject reject), reject.ToString());
        return client;
    }

    public static byte[] Seal<T>(ClientSession client, ulong requestId, in T body, long expiresAt = Now + 5_000)
        where T : struct, IRequestBody<T>
    {
        var envelope = new byte[EnvelopeLayout.StandardEnvelopeSize];
        client.SealRequest(requestId, expiresAt, body, envelope);
        return envelope;
    }

    public static byte[] Place(ClientSession client, ulong requestId, long clientOrderId = 1001) =>
        Seal(client, requestId, new PlaceOrder
        {
            Market = 7, ClientOrderId = clientOrderId, Side = OrderSide.Buy, Type = OrderKind.Limit,
            Price = 250_000, Quantity = 12,
        });

    public OpenedRequest Accept(byte[] envelope, long now = Now)
    {
        Assert.True(Table.TryOpenRequest(envelope, now, out OpenedRequest request, out EnvelopeReject reject), reject.ToString());
        return request;
    }

    public EnvelopeReject Refuse(byte[] envelope, long now = Now)
    {
        long before = Table.ComputeStateHash();
        Assert.False(Table.TryOpenRequest(envelope, now, out OpenedRequest request, out EnvelopeReject reject));
        Assert.Equal(default, request.Request.Kind);
        Assert.Equal(before, Table.ComputeStateHash());
        Table.CheckConsistency();
        return reject;
    }

    /// <summary>Seals the enclave's answer to a request and returns the envelope.</summary>
    public byte[] Answer<T>(OpenedRequest request, in T body, long time = Now)
        where T : struct, IResponseBody<T>
    {
        var envelope = new byte[EnvelopeLayout.StandardEnvelopeSize];
        Assert.True(Table.TrySealResponse(request.SessionId, request.Request.ClientRequestId, time, body, envelope, out int written, out ResponseSealError error), error.ToString());
        Assert.Equal(envelope.Length, written);
        return envelope;
    }

    /// <summary>Encrypts any plaintext under a session's request key, for what a real client cannot produce.</summary>
    public static byte[] SealRaw(VerifiedHandshake session, ulong sequence, ReadOnlySpan<byte> plaintext, EnvelopeSizeClass sizeClass = EnvelopeSizeClass.Standard)
    {
        var envelope = new byte[EnvelopeLayout.EnvelopeSize(sizeClass)];
        var nonce = new byte[EnvelopeLayout.NonceSize];
        EnvelopeLayout.WriteNonce(1_000_000 + sequence, nonce);
        new EnvelopeHeader(EnvelopeKind.Request, sizeClass, session.SessionId, sequence).WriteTo(nonce, envelope);
        using var key = new AesGcm(session.Keys.ClientToEnclave, EnvelopeLayout.TagSize);
        int size = EnvelopeLayout.PlaintextSize(sizeClass);
        key.Encrypt(nonce, plaintext, envelope.AsSpan(EnvelopeLayout.HeaderSize, size), envelope.AsSpan(EnvelopeLayout.HeaderSize + size), envelope.AsSpan(0, EnvelopeLayout.HeaderSize));
        return envelope;
    }

    /// <summary>A padded plaintext holding <paramref name="message"/>.</summary>
    public static byte[] Padded(ReadOnlySpan<byte> message, int size = EnvelopeLayout.StandardPlaintextSize)
    {
        var plaintext = new byte[size];
        Padding.Pad(message, plaintext);
        return plaintext;
    }

    public static byte[] RequestMessage<T>(ulong requestId, in T body, long expiresAt = Now + 5_000)
        where T : struct, IRequestBody<T>
    {
        var output = new ArrayBufferWriter<byte>();
        RequestCodec.Write(output, requestId, expiresAt, body);
        return output.WrittenSpan.ToArray();
    }

    public void ReplaceTable(SessionTable table)
    {
        Table.Dispose();
        Table = table;
    }

    public void Dispose()
    {
        Table.Dispose();
        foreach (IDisposable owned in _owned)
        {
            owned.Dispose();
        }

        Key.Dispose();
    }

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
