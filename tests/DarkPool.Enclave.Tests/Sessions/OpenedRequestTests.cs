using System.Security.Cryptography;
using DarkPool.Enclave.Sessions;
using DarkPool.Protocol.Client;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;

namespace DarkPool.Enclave.Tests.Sessions;

/// <summary>
/// A request journaled as an <c>OpenedEnvelope</c> record (its envelope with the padded plaintext in place of the
/// ciphertext, docs/STORAGE.md §6) is applied on replay with every check a sealed envelope gets except AES-GCM under the
/// session key: the same accept or reject, for the same reason, and the same table state, step by step.
/// </summary>
public sealed class OpenedRequestTests
{
    private const long Now = SessionFixture.Now;

    [Fact]
    public void OpenedForm_AcceptsAndRefusesExactlyAsTheSealedEnvelope_StepByStep()
    {
        using var fixture = new SessionFixture();
        ClientSession client = fixture.NewClient();
        VerifiedHandshake session = fixture.Verify(client);
        ClientSession stranger = fixture.NewClient();
        VerifiedHandshake strangerSession = fixture.Verify(stranger);
        (SessionTable sealedTable, SessionTable openedTable) = TwoTables(fixture, client, new SessionTableOptions());
        using SessionTable disposeSealed = sealedTable;
        using SessionTable disposeOpened = openedTable;

        byte[] first = SessionFixture.Place(client, 1, clientOrderId: 11);
        byte[] second = SessionFixture.Place(client, 2, clientOrderId: 12);
        byte[] third = SessionFixture.Place(client, 3, clientOrderId: 13);
        byte[] staleSecond = SessionFixture.SealRaw(session, 2, SessionFixture.Padded(SessionFixture.RequestMessage(9, new CancelOrder { Market = 7, ClientOrderId = 19 })));
        byte[] duplicateOfFirst = SessionFixture.Place(client, 1, clientOrderId: 14);
        byte[] expired = SessionFixture.Seal(client, 5, new CancelOrder { Market = 7, ClientOrderId = 11 }, expiresAt: Now - 1);
        byte[] badPadding = SessionFixture.SealRaw(session, 5, Enumerable.Repeat((byte)0xFF, EnvelopeLayout.StandardPlaintextSize).ToArray());
        byte[] notMessagePack = SessionFixture.SealRaw(session, 5, SessionFixture.Padded([0xC1, 0xC1, 0xC1]));
        byte[] placeInBulk = SessionFixture.SealRaw(
            session, 5, SessionFixture.Padded(SessionFixture.RequestMessage(6, new CancelOrder { Market = 7, ClientOrderId = 11 }), EnvelopeLayout.BulkPlaintextSize),
            EnvelopeSizeClass.Bulk);
        client.RewindRequestSequence(5);
        var batch = new byte[EnvelopeLayout.BulkEnvelopeSize];
        _ = client.SealRequest(7, Now + 5_000, new BatchPlace { Orders = [new PlaceOrder { Market = 7, ClientOrderId = 21, Side = OrderSide.Sell, Type = OrderKind.Limit, Price = 9, Quantity = 1 }] }, batch);
        byte[] wrongDirection = SessionFixture.Place(client, 8);
        byte[] unknownSession = SessionFixture.Place(stranger, 1);
        byte[] afterClose = SessionFixture.Place(client, 10);

        (string Name, byte[] Envelope, byte[] Opened, EnvelopeReject Expected)[] steps =
        [
            ("new", first, OpenedForm(session, first), EnvelopeReject.None),
            ("same sequence again", first, OpenedForm(session, first), EnvelopeReject.Replay),
            ("a sequence skipped", third, OpenedForm(session, third), EnvelopeReject.Gap),
            ("the next", second, OpenedForm(session, second), EnvelopeReject.None),
            ("then the skipped one", third, OpenedForm(session, third), EnvelopeReject.None),
            ("an older sequence, another request", staleSecond, OpenedForm(session, staleSecond), EnvelopeReject.Stale),
            ("a request id again", duplicateOfFirst, OpenedForm(session, duplicateOfFirst), EnvelopeReject.None),
            ("expired", expired, OpenedForm(session, expired), EnvelopeReject.Expired),
            ("bad padding", badPadding, OpenedForm(session, badPadding), EnvelopeReject.BadPadding),
            ("no MessagePack", notMessagePack, OpenedForm(session, notMessagePack), EnvelopeReject.MalformedMessage),
            ("a standard request in a bulk envelope", placeInBulk, OpenedForm(session, placeInBulk), EnvelopeReject.UnexpectedSizeClass),
            ("a batch", batch, OpenedForm(session, batch), EnvelopeReject.None),
            ("a response", WithKind(wrongDirection, EnvelopeKind.Response), WithKind(OpenedForm(session, wrongDirection), EnvelopeKind.Response), EnvelopeReject.WrongDirection),
            ("a session never opened", unknownSession, OpenedForm(strangerSession, unknownSession), EnvelopeReject.UnknownSession),
        ];

        foreach ((string name, byte[] envelope, byte[] opened, EnvelopeReject expected) in steps)
        {
            Step(sealedTable, openedTable, envelope, opened, expected, name);
        }

        Assert.True(sealedTable.TryClose(client.SessionId, Now, out _));
        Assert.True(openedTable.TryClose(client.SessionId, Now, out _));
        Step(sealedTable, openedTable, afterClose, OpenedForm(session, afterClose), EnvelopeReject.SessionClosed, "a closed session");
    }

    [Fact]
    public void RequestIdTooOld_IsRefusedInTheOpenedFormToo()
    {
        using var fixture = new SessionFixture();
        ClientSession client = fixture.NewClient();
        VerifiedHandshake session = fixture.Verify(client);
        (SessionTable sealedTable, SessionTable openedTable) = TwoTables(fixture, client, new SessionTableOptions { IdempotencyWindow = 2 });
        using SessionTable disposeSealed = sealedTable;
        using SessionTable disposeOpened = openedTable;

        foreach (ulong requestId in new ulong[] { 10, 11, 12 })
        {
            byte[] envelope = SessionFixture.Place(client, requestId);
            Step(sealedTable, openedTable, envelope, OpenedForm(session, envelope), EnvelopeReject.None, $"request {requestId}");
        }

        byte[] tooOld = SessionFixture.Place(client, 10);
        Step(sealedTable, openedTable, tooOld, OpenedForm(session, tooOld), EnvelopeReject.RequestIdTooOld, "a request id out of the window");
    }

    [Fact]
    public void LiveOpenInPlace_WritesThePlaintextOnlyWhenAccepted()
    {
        using var fixture = new SessionFixture();
        ClientSession client = fixture.Open();
        VerifiedHandshake session = fixture.Verify(client);
        byte[] accepted = SessionFixture.Place(client, 1);
        byte[] expected = OpenedForm(session, accepted);
        byte[] replayed = accepted.ToArray();
        byte[] forged = SessionFixture.Place(client, 2);
        forged[EnvelopeLayout.CiphertextOffset + 3] ^= 0x04;
        byte[] forgedBefore = forged.ToArray();

        Assert.True(fixture.Table.TryOpenRequestInPlace(accepted, Now, out OpenedRequest opened, out EnvelopeReject reject), reject.ToString());
        Assert.False(fixture.Table.TryOpenRequestInPlace(replayed, Now, out _, out EnvelopeReject replay));
        Assert.False(fixture.Table.TryOpenRequestInPlace(forged, Now, out _, out EnvelopeReject authentication));

        Assert.Equal(expected, accepted);
        Assert.NotEqual(expected, replayed);
        Assert.Equal(forgedBefore, forged);
        Assert.Equal((EnvelopeReject.Replay, EnvelopeReject.AuthenticationFailed), (replay, authentication));
        Assert.Equal(1UL, opened.Request.ClientRequestId);
    }

    /// <summary>What the pipeline journals for an accepted <paramref name="envelope"/>: the same bytes, the ciphertext decrypted in place.</summary>
    internal static byte[] OpenedForm(VerifiedHandshake session, byte[] envelope)
    {
        byte[] opened = envelope.ToArray();
        int size = envelope.Length - EnvelopeLayout.HeaderSize - EnvelopeLayout.TagSize;
        using var key = new AesGcm(session.Keys.ClientToEnclave, EnvelopeLayout.TagSize);
        key.Decrypt(
            envelope.AsSpan(EnvelopeLayout.NonceOffset, EnvelopeLayout.NonceSize),
            envelope.AsSpan(EnvelopeLayout.CiphertextOffset, size),
            envelope.AsSpan(EnvelopeLayout.CiphertextOffset + size, EnvelopeLayout.TagSize),
            opened.AsSpan(EnvelopeLayout.CiphertextOffset, size),
            envelope.AsSpan(0, EnvelopeLayout.HeaderSize));
        return opened;
    }

    /// <summary>Two tables in which <paramref name="client"/>'s session is open: one fed sealed envelopes, one their opened forms.</summary>
    private static (SessionTable Sealed, SessionTable Opened) TwoTables(SessionFixture fixture, ClientSession client, SessionTableOptions options)
    {
        var sealedTable = new SessionTable(options);
        var openedTable = new SessionTable(options);
        Assert.True(sealedTable.TryOpenSession(fixture.Verify(client), Now, out _));
        Assert.True(openedTable.TryOpenSession(fixture.Verify(client), Now, out _));
        return (sealedTable, openedTable);
    }

    private static byte[] WithKind(byte[] envelope, EnvelopeKind kind)
    {
        byte[] changed = envelope.ToArray();
        changed[EnvelopeLayout.KindOffset] = (byte)kind;
        return changed;
    }

    private static void Step(SessionTable sealedTable, SessionTable openedTable, byte[] envelope, byte[] opened, EnvelopeReject expected, string name)
    {
        bool sealedAccepted = sealedTable.TryOpenRequest(envelope, Now, out OpenedRequest fromSealed, out EnvelopeReject sealedReject);
        bool openedAccepted = openedTable.TryApplyOpenedRequest(opened, Now, out OpenedRequest fromOpened, out EnvelopeReject openedReject);

        Assert.True(expected == sealedReject, $"{name}: the sealed envelope gave {sealedReject}, expected {expected}");
        Assert.True(expected == openedReject, $"{name}: the opened form gave {openedReject}, expected {expected}");
        Assert.Equal(expected == EnvelopeReject.None, sealedAccepted);
        Assert.Equal(sealedAccepted, openedAccepted);
        Assert.Equal(fromSealed.ToString(), fromOpened.ToString());
        Assert.Equal(fromSealed.Request.ClientRequestId, fromOpened.Request.ClientRequestId);
        Assert.Equal(fromSealed.Account, fromOpened.Account);
        Assert.True(sealedTable.ComputeStateHash() == openedTable.ComputeStateHash(), $"{name}: the tables differ");
        sealedTable.CheckConsistency();
        openedTable.CheckConsistency();
    }
}
