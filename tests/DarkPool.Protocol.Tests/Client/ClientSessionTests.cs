using System.Security.Cryptography;
using DarkPool.Protocol.Accounts;
using DarkPool.Protocol.Client;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Handshake;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;
using DarkPool.Protocol.Messages.Responses;
using DarkPool.Protocol.Tests.Support;

namespace DarkPool.Protocol.Tests.Client;

public sealed class ClientSessionTests : IDisposable
{
    private readonly ECDiffieHellman _enclave = TestKeys.EnclaveKey();
    private readonly Secp256k1AccountKey _account = TestKeys.Account();
    private readonly ClientSession _session;
    private readonly EnclaveSide _enclaveSide;

    public ClientSessionTests()
    {
        _session = ClientSession.Create(KeyAgreement.ExportPublicKey(_enclave), TestKeys.QuoteHash(), _account, TestKeys.HandshakeExpiry, SessionFlags.CancelOnDisconnect);
        _enclaveSide = new EnclaveSide(_enclave, _session.HandshakeMessage);
    }

    public void Dispose()
    {
        _enclaveSide.Dispose();
        _session.Dispose();
        _account.Dispose();
        _enclave.Dispose();
    }

    private byte[] Seal<T>(in T body, ulong id = 1)
        where T : struct, IRequestBody<T>
    {
        var envelope = new byte[EnvelopeLayout.StandardEnvelopeSize];
        Assert.Equal(EnvelopeLayout.StandardEnvelopeSize, _session.SealRequest(id, TestKeys.HandshakeExpiry, body, envelope));
        return envelope;
    }

    [Fact]
    public void Create_BothSides_DeriveTheSameSessionAndKeys()
    {
        Assert.Equal(_enclaveSide.Keys.SessionId, _session.SessionId);
        Assert.Equal(_account.Address, _session.Account);
        Assert.Equal(SessionFlags.CancelOnDisconnect, _session.Flags);
        Assert.True(_enclaveSide.TryOpenRequest(Seal(Samples.Limit), out DecodedRequest request));
        Assert.Equal(Samples.Limit, request.Place);
    }

    /// <summary>The operator sees one length for every command: no command type leaks by size.</summary>
    [Fact]
    public void SealRequest_EveryCommand_HasTheSameLength()
    {
        byte[][] envelopes =
        [
            Seal(Samples.Limit, 1),
            Seal(Samples.Market, 2),
            Seal(Samples.Midpoint, 3),
            Seal(Samples.WorstPlace, ulong.MaxValue - 10),
            Seal(new CancelOrder { Market = 7, ClientOrderId = 1001 }, ulong.MaxValue - 9),
            Seal(new AmendOrder { Market = 7, ClientOrderId = 1001, NewQuantity = 2 }, ulong.MaxValue - 8),
            Seal(new MassCancel(), ulong.MaxValue - 7),
            Seal(new WithdrawRequest { Asset = 1, Amount = 5 }, ulong.MaxValue - 6),
            Seal(new BalanceQuery(), ulong.MaxValue - 5),
            Seal(new OpenOrdersQuery(), ulong.MaxValue - 4),
            Seal(new Heartbeat(), ulong.MaxValue - 3),
            Seal(new CloseSession(), ulong.MaxValue - 2),
        ];

        Assert.All(envelopes, e => Assert.Equal(EnvelopeLayout.StandardEnvelopeSize, e.Length));
        Assert.All(envelopes, e => Assert.Equal((byte)EnvelopeSizeClass.Standard, e[EnvelopeLayout.SizeClassOffset]));
    }

    [Fact]
    public void SealRequest_Successive_IncreasingSequencesAndFreshNonces()
    {
        byte[] first = Seal(Samples.Limit, 1);
        byte[] second = Seal(Samples.Limit, 2);

        Assert.True(EnvelopeHeader.TryParse(first, out EnvelopeHeader a, out _));
        Assert.True(EnvelopeHeader.TryParse(second, out EnvelopeHeader b, out _));
        Assert.Equal((1UL, 2UL), (a.Sequence, b.Sequence));
        Assert.Equal(3UL, _session.NextRequestSequence);
        Assert.NotEqual(first.AsSpan(EnvelopeLayout.NonceOffset, 12).ToArray(), second.AsSpan(EnvelopeLayout.NonceOffset, 12).ToArray());
    }

    [Fact]
    public void RewindRequestSequence_ReusesTheSequenceWithANewNonce()
    {
        byte[] first = Seal(Samples.Limit, 1);
        _session.RewindRequestSequence(1);
        byte[] again = Seal(Samples.Market, 2);

        Assert.Equal(first.AsSpan(EnvelopeLayout.SequenceOffset, 8).ToArray(), again.AsSpan(EnvelopeLayout.SequenceOffset, 8).ToArray());
        Assert.NotEqual(first.AsSpan(EnvelopeLayout.NonceOffset, 12).ToArray(), again.AsSpan(EnvelopeLayout.NonceOffset, 12).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => _session.RewindRequestSequence(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => _session.RewindRequestSequence(3));
    }

    [Fact]
    public void TryOpenResponse_InOrder_DecodesAndAdvances()
    {
        Assert.True(_session.TryOpenResponse(_enclaveSide.SealResponse(1, 1, new OrderAccepted { Market = 7, ClientOrderId = 1001 }), out DecodedResponse first, out _));
        Assert.True(_session.TryOpenResponse(_enclaveSide.SealResponse(2, 0, new OrderFilled { Market = 7, ClientOrderId = 1001, Quantity = 1, Price = 5 }), out DecodedResponse second, out _));

        Assert.Equal((ResponseKind.OrderAccepted, 1UL, 1001L), (first.Kind, first.ClientRequestId, first.Accepted.ClientOrderId));
        Assert.Equal((ResponseKind.OrderFilled, 0UL), (second.Kind, second.ClientRequestId));
        Assert.Equal(3UL, _session.NextResponseSequence);
    }

    public static TheoryData<string> RejectCases() =>
    [
        "replay", "gap", "wrong direction", "other session", "tampered", "request key", "bad padding", "malformed message", "bulk", "truncated",
    ];

    [Theory]
    [MemberData(nameof(RejectCases))]
    public void TryOpenResponse_Refused_ChangesNothing(string name)
    {
        byte[] accepted = _enclaveSide.SealResponse(1, 1, new OrderAccepted { Market = 7, ClientOrderId = 1 });
        Assert.True(_session.TryOpenResponse(accepted, out _, out _));
        var padding = new byte[EnvelopeLayout.StandardPlaintextSize];
        padding[0] = 10;
        padding[200] = 1;
        var message = new byte[EnvelopeLayout.StandardPlaintextSize];
        Padding.Pad([0x94, 0x01, 0x01, 0x01, 0xc1], message);
        byte[] other = _enclaveSide.SealResponse(2, 1, new HeartbeatAck());
        other[EnvelopeLayout.SessionIdOffset] ^= 1;
        byte[] tampered = _enclaveSide.SealResponse(2, 1, new HeartbeatAck());
        tampered[100] ^= 1;
        (byte[] envelope, EnvelopeReject expected) = name switch
        {
            "replay" => (accepted, EnvelopeReject.Replay),
            "gap" => (_enclaveSide.SealResponse(3, 1, new HeartbeatAck()), EnvelopeReject.Gap),
            "wrong direction" => (Seal(new Heartbeat()), EnvelopeReject.WrongDirection),
            "other session" => (other, EnvelopeReject.UnknownSession),
            "tampered" => (tampered, EnvelopeReject.AuthenticationFailed),
            "request key" => (_enclaveSide.SealRaw(EnvelopeKind.Response, 2, [0x90], _enclaveSide.RequestKey), EnvelopeReject.AuthenticationFailed),
            "bad padding" => (_enclaveSide.SealPlaintext(EnvelopeKind.Response, 2, padding, _enclaveSide.ResponseKey), EnvelopeReject.BadPadding),
            "malformed message" => (_enclaveSide.SealPlaintext(EnvelopeKind.Response, 2, message, _enclaveSide.ResponseKey), EnvelopeReject.MalformedMessage),
            "bulk" => (_enclaveSide.SealRaw(EnvelopeKind.Response, 2, [0x90], _enclaveSide.ResponseKey, EnvelopeSizeClass.Bulk), EnvelopeReject.UnexpectedSizeClass),
            _ => (accepted[..100], EnvelopeReject.Truncated),
        };

        Assert.False(_session.TryOpenResponse(envelope, out DecodedResponse response, out EnvelopeReject reject));

        Assert.Equal(expected, reject);
        Assert.Equal(default, response.Kind);
        Assert.Equal(2UL, _session.NextResponseSequence);
        Assert.True(_session.TryOpenResponse(_enclaveSide.SealResponse(2, 1, new HeartbeatAck { ClientTime = 5 }), out DecodedResponse next, out _));
        Assert.Equal(5, next.HeartbeatAck.ClientTime);
    }

    [Fact]
    public void Create_InvalidEnclaveKeyOrFlags_Throws()
    {
        byte[] notAPoint = new byte[65];
        notAPoint[0] = 4;

        Assert.Throws<ArgumentException>(() => ClientSession.Create(notAPoint, TestKeys.QuoteHash(), _account, 1));
        Assert.Throws<ArgumentException>(() => ClientSession.Create(KeyAgreement.ExportPublicKey(_enclave), new byte[31], _account, 1));
        Assert.Throws<ArgumentException>(() => ClientSession.Create(KeyAgreement.ExportPublicKey(_enclave), TestKeys.QuoteHash(), _account, 1, (SessionFlags)2));
    }

    [Fact]
    public void Dispose_ThenUse_Throws()
    {
        _session.Dispose();

        Assert.Throws<ObjectDisposedException>(() => Seal(Samples.Limit));
        Assert.Throws<ObjectDisposedException>(() => _session.TryOpenResponse(new byte[312], out _, out _));
    }

    [Fact]
    public void ToString_NamesSessionAndAccountOnly()
    {
        Assert.Equal($"session {_session.SessionId} of {_account.Address}", _session.ToString());
        Assert.Equal(nameof(PlaceOrder), Samples.Limit.ToString());
    }
}
