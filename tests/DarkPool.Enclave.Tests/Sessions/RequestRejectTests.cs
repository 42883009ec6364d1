using DarkPool.Enclave.Sessions;
using DarkPool.Protocol.Client;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Messages.Requests;

namespace DarkPool.Enclave.Tests.Sessions;

/// <summary>Every way the table refuses a request envelope; each refusal leaves the state hash as it was.</summary>
public sealed class RequestRejectTests : IDisposable
{
    private const long Now = SessionFixture.Now;
    private readonly SessionFixture _f = new();
    private readonly ClientSession _client;
    private readonly VerifiedHandshake _keys;

    public RequestRejectTests()
    {
        _client = _f.NewClient();
        _keys = _f.Verify(_client);
        Assert.True(_f.Table.TryOpenSession(_keys, Now, out _));
    }

    public void Dispose() => _f.Dispose();

    /// <summary>After a refusal the session still takes the next envelope at the same sequence number.</summary>
    private void StillAcceptsSequence(ulong sequence)
    {
        _client.RewindRequestSequence(sequence);
        Assert.Equal(sequence, _f.Accept(SessionFixture.Place(_client, 1000 + sequence, (long)sequence)).Sequence);
    }

    [Fact]
    public void TryOpenRequest_InOrder_AcceptsAndAdvances()
    {
        OpenedRequest first = _f.Accept(SessionFixture.Place(_client, 1));
        OpenedRequest second = _f.Accept(SessionFixture.Seal(_client, 2, new CancelOrder { Market = 7, ClientOrderId = 1001 }));

        Assert.Equal((1UL, RequestDisposition.New, 1UL), (first.Sequence, first.Disposition, first.Request.ClientRequestId));
        Assert.Equal((2UL, 1001L), (second.Sequence, second.Request.Cancel.ClientOrderId));
        Assert.Equal(_client.SessionId, second.SessionId);
        Assert.True(_f.Table.TryGetSession(_client.SessionId, out SessionInfo info));
        Assert.Equal((3UL, 2UL), (info.NextRequestSequence, info.HighestRequestId));
        _f.Table.CheckConsistency();
    }

    [Fact]
    public void TryOpenRequest_ExactCopyOfAnAcceptedEnvelope_IsReplay()
    {
        byte[] envelope = SessionFixture.Place(_client, 1);
        _f.Accept(envelope);
        _f.Accept(SessionFixture.Place(_client, 2));

        Assert.Equal(EnvelopeReject.Replay, _f.Refuse(envelope));
        StillAcceptsSequence(3);
    }

    /// <summary>An envelope for a sequence number the enclave refused without consuming, later reused for another request.</summary>
    [Fact]
    public void TryOpenRequest_SupersededEnvelopeForAnUsedSequence_IsStale()
    {
        byte[] expired = SessionFixture.Place(_client, 1, 1);
        Assert.Equal(EnvelopeReject.Expired, _f.Refuse(expired, Now + 10_000));
        _client.RewindRequestSequence(1);
        _f.Accept(SessionFixture.Place(_client, 2, 2));

        Assert.Equal(EnvelopeReject.Stale, _f.Refuse(expired));
        StillAcceptsSequence(2);
    }

    [Fact]
    public void TryOpenRequest_CopyOlderThanTheReplayWindow_IsStale()
    {
        byte[] first = SessionFixture.Place(_client, 1);
        _f.Accept(first);
        for (ulong i = 2; i <= 40; i++)
        {
            _f.Accept(SessionFixture.Place(_client, i, (long)i));
        }

        Assert.Equal(EnvelopeReject.Stale, _f.Refuse(first));
    }

    [Fact]
    public void TryOpenRequest_SequenceAhead_IsGap()
    {
        _ = SessionFixture.Place(_client, 1);

        Assert.Equal(EnvelopeReject.Gap, _f.Refuse(SessionFixture.Place(_client, 2)));
        StillAcceptsSequence(1);
    }

    [Fact]
    public void TryOpenRequest_AfterItsExpiry_IsExpired()
    {
        byte[] envelope = SessionFixture.Place(_client, 1);

        Assert.Equal(EnvelopeReject.Expired, _f.Refuse(envelope, Now + 5_001));
        Assert.Equal(1UL, _f.Accept(envelope, Now + 5_000).Sequence);
    }

    [Fact]
    public void TryOpenRequest_UnknownSession_IsUnknownSession()
    {
        ClientSession stranger = _f.NewClient();

        Assert.Equal(EnvelopeReject.UnknownSession, _f.Refuse(SessionFixture.Place(stranger, 1)));
    }

    [Fact]
    public void TryOpenRequest_TamperedSessionId_IsUnknownOrFailsAuthentication()
    {
        ClientSession other = _f.Open();
        byte[] toUnknown = SessionFixture.Place(_client, 1);
        toUnknown[EnvelopeLayout.SessionIdOffset + 3] ^= 0x10;
        byte[] toOther = SessionFixture.Place(_client, 1);
        other.SessionId.WriteTo(toOther.AsSpan(EnvelopeLayout.SessionIdOffset));

        Assert.Equal(EnvelopeReject.UnknownSession, _f.Refuse(toUnknown));
        Assert.Equal(EnvelopeReject.AuthenticationFailed, _f.Refuse(toOther));
    }

    [Theory]
    [InlineData("sequence", EnvelopeLayout.SequenceOffset)]
    [InlineData("nonce", EnvelopeLayout.NonceOffset + 11)]
    [InlineData("ciphertext", EnvelopeLayout.CiphertextOffset + 17)]
    [InlineData("padding area", EnvelopeLayout.CiphertextOffset + 250)]
    [InlineData("tag", EnvelopeLayout.StandardEnvelopeSize - 1)]
    public void TryOpenRequest_TamperedByte_FailsAuthentication(string where, int offset)
    {
        byte[] envelope = SessionFixture.Place(_client, 1);
        envelope[offset] ^= 0x01;

        Assert.Equal(EnvelopeReject.AuthenticationFailed, _f.Refuse(envelope));
        _ = where;
        StillAcceptsSequence(1);
    }

    [Fact]
    public void TryOpenRequest_SealedWithTheResponseKey_FailsAuthentication()
    {
        var envelope = new byte[EnvelopeLayout.StandardEnvelopeSize];
        var nonce = new byte[EnvelopeLayout.NonceSize];
        using var wrongKey = new System.Security.Cryptography.AesGcm(_keys.Keys.EnclaveToClient, EnvelopeLayout.TagSize);
        EnvelopeCipher.Seal(wrongKey, new EnvelopeHeader(EnvelopeKind.Request, EnvelopeSizeClass.Standard, _client.SessionId, 1), nonce,
            SessionFixture.RequestMessage(1, new Heartbeat()), envelope);

        Assert.Equal(EnvelopeReject.AuthenticationFailed, _f.Refuse(envelope));
    }

    [Fact]
    public void TryOpenRequest_AResponseEnvelope_IsWrongDirection()
    {
        OpenedRequest request = _f.Accept(SessionFixture.Place(_client, 1));
        byte[] response = _f.Answer(request, new Protocol.Messages.Responses.HeartbeatAck());

        Assert.Equal(EnvelopeReject.WrongDirection, _f.Refuse(response));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(39)]
    [InlineData(200)]
    [InlineData(311)]
    public void TryOpenRequest_Truncated_IsTruncated(int length)
    {
        Assert.Equal(EnvelopeReject.Truncated, _f.Refuse(SessionFixture.Place(_client, 1)[..length]));
    }

    [Fact]
    public void TryOpenRequest_HeaderFields_AreCheckedByName()
    {
        byte[] version = SessionFixture.Place(_client, 1);
        version[EnvelopeLayout.VersionOffset] = 2;
        byte[] reserved = SessionFixture.Place(_client, 1);
        reserved[EnvelopeLayout.ReservedOffset] = 1;

        Assert.Equal(EnvelopeReject.UnsupportedVersion, _f.Refuse(version));
        Assert.Equal(EnvelopeReject.MalformedHeader, _f.Refuse(reserved));
    }

    [Theory]
    [InlineData("length beyond the block")]
    [InlineData("non-zero padding byte")]
    public void TryOpenRequest_BadPadding_IsBadPadding(string name)
    {
        byte[] plaintext = SessionFixture.Padded(SessionFixture.RequestMessage(1, new Heartbeat()));
        if (name == "length beyond the block")
        {
            plaintext[0] = 0xFF;
        }
        else
        {
            plaintext[255] = 7;
        }

        Assert.Equal(EnvelopeReject.BadPadding, _f.Refuse(SessionFixture.SealRaw(_keys, 1, plaintext)));
        StillAcceptsSequence(1);
    }

    public static TheoryData<string, byte[]> MalformedMessages() => new()
    {
        { "empty", [] },
        { "not MessagePack at all", [0xC1, 0xC1, 0xC1] },
        { "a map", [0x80] },
        { "truncated", SessionFixture.RequestMessage(1, new Heartbeat { ClientTime = 5 })[..^1] },
        { "unknown kind", [0x94, 0x63, 0x01, 0x01, 0x90] },
        { "body too short", [0x94, 0x02, 0x01, 0x01, 0x91, 0x07] },
        { "side out of range", Patch(SessionFixture.RequestMessage(1, new PlaceOrder { Market = 7, ClientOrderId = 1, Quantity = 1 }), 15, 0x05) },
    };

    [Theory]
    [MemberData(nameof(MalformedMessages))]
    public void TryOpenRequest_MalformedMessagePack_IsMalformedMessage(string name, byte[] message)
    {
        Assert.Equal(EnvelopeReject.MalformedMessage, _f.Refuse(SessionFixture.SealRaw(_keys, 1, SessionFixture.Padded(message))));
        _ = name;
        StillAcceptsSequence(1);
    }

    [Fact]
    public void TryOpenRequest_BulkEnvelope_IsUnexpectedSizeClass()
    {
        byte[] plaintext = SessionFixture.Padded(SessionFixture.RequestMessage(1, new Heartbeat()), EnvelopeLayout.BulkPlaintextSize);

        Assert.Equal(EnvelopeReject.UnexpectedSizeClass, _f.Refuse(SessionFixture.SealRaw(_keys, 1, plaintext, EnvelopeSizeClass.Bulk)));
    }

    [Fact]
    public void TryOpenRequest_RequestIdNotIncreasingAndForgotten_IsRequestIdTooOld()
    {
        _f.Accept(SessionFixture.Place(_client, 10, 10));

        Assert.Equal(EnvelopeReject.RequestIdTooOld, _f.Refuse(SessionFixture.Place(_client, 9, 9)));
        StillAcceptsSequence(2);
    }

    private static byte[] Patch(byte[] message, int offset, byte value)
    {
        message[offset] = value;
        return message;
    }
}
