using System.Numerics;
using DarkPool.Chain.Batches;

namespace DarkPool.Chain.Tests;

/// <summary>settle: the accepted path, each rejection, and exactly-once reposts.</summary>
public abstract partial class ChainBackendTests
{
    [Fact]
    public async Task PostBatch_ValidBatch_SettlesAndPaysWithdrawals()
    {
        await DepositAndRegisterAsync();
        SettlementBatch batch = await NextBatchAsync(
        [
            new Withdrawal(Token, TraderA.Address, 300),
            new Withdrawal(Token, Outsider, 450),
        ]);
        SignedBatch signed = Sign(batch);

        BatchPostResult result = await Chain.PostBatchAsync(Host, signed);

        Assert.Equal(new BatchPostResult(BatchPostStatus.Settled, 1, signed.Hash), result);
        Assert.Equal(Minted - 700 + 300, await Chain.GetTokenBalanceAsync(Token, TraderA.Address));
        Assert.Equal(new BigInteger(450), await Chain.GetTokenBalanceAsync(Token, Outsider));
        Assert.Equal(new BigInteger(1200 - 750), await Chain.GetTokenBalanceAsync(Token, Chain.Domain.Contract));
        Assert.Equal(new BigInteger(1200 - 750), await Chain.GetCustodyAsync(Token));
        Assert.Equal(new SettlementHead(2, signed.Hash, batch.JournalHead, 2, 2), await Chain.GetSettlementHeadAsync());
    }

    [Fact]
    public async Task PostBatch_TwoBatchesInChain_BothSettleAndChainLinks()
    {
        await DepositAndRegisterAsync();
        SignedBatch first = Sign(await NextBatchAsync());
        await Chain.PostBatchAsync(Host, first);
        await Chain.DepositAsync(TraderA, Token, TraderA.Address, 1);
        SettlementBatch secondBatch = await NextBatchAsync([new Withdrawal(Token, TraderB.Address, 1)]);

        BatchPostResult second = await Chain.PostBatchAsync(Host, Sign(secondBatch));

        Assert.Equal((BatchPostStatus.Settled, 2UL), (second.Status, second.Sequence));
        Assert.Equal((first.Hash, 3UL), (secondBatch.PreviousHash, secondBatch.DepositCursor.Index));
        Assert.Equal(new SettlementHead(3, second.BatchHash, secondBatch.JournalHead, 3, 3), await Chain.GetSettlementHeadAsync());
    }

    [Fact]
    public async Task PostBatch_TamperedAfterSigning_RejectedWithSignerMismatch()
    {
        await DepositAndRegisterAsync();
        SignedBatch honest = Sign(await NextBatchAsync([new Withdrawal(Token, TraderA.Address, 10)]));
        byte[] tampered = honest.Encoded.ToArray();
        tampered[BatchDescriptor.HeaderSize + 20] ^= 0x01; // the recipient now differs
        byte[] tamperedCipher = honest.Encoded.ToArray();
        tamperedCipher[^1] ^= 0x80;

        await AssertRejectedAsync(ChainError.SignerMismatch, () => Chain.PostBatchAsync(Host, new SignedBatch(tampered, honest.Signature)).AsTask());
        await AssertRejectedAsync(ChainError.SignerMismatch, () => Chain.PostBatchAsync(Host, new SignedBatch(tamperedCipher, honest.Signature)).AsTask());
    }

    [Fact]
    public async Task PostBatch_SignedByAnotherKey_RejectedWithSignerMismatch()
    {
        await DepositAndRegisterAsync();
        SettlementBatch batch = await NextBatchAsync();

        await AssertRejectedAsync(ChainError.SignerMismatch, () => Chain.PostBatchAsync(Host, Sign(batch, ChainKey.Generate())).AsTask());
    }

    [Fact]
    public async Task PostBatch_SignedForAnotherContract_RejectedWithSignerMismatch()
    {
        await DepositAndRegisterAsync();
        SettlementBatch batch = await NextBatchAsync();
        var otherDomain = new SettlementDomain(Chain.Domain.ChainId, ChainKey.Generate().Address);
        var otherChain = new SettlementDomain(Chain.Domain.ChainId + 1, Chain.Domain.Contract);

        await AssertRejectedAsync(ChainError.SignerMismatch, () => Chain.PostBatchAsync(Host, BatchDescriptor.Sign(batch, otherDomain, Enclave)).AsTask());
        await AssertRejectedAsync(ChainError.SignerMismatch, () => Chain.PostBatchAsync(Host, BatchDescriptor.Sign(batch, otherChain, Enclave)).AsTask());
    }

    [Fact]
    public async Task PostBatch_HighSOrBadV_RejectedWithInvalidSignature()
    {
        await DepositAndRegisterAsync();
        SignedBatch honest = Sign(await NextBatchAsync());
        byte[] highS = honest.Signature.ToArray();
        BigInteger n = BigInteger.Parse("115792089237316195423570985008687907852837564279074904382605163141518161494337", System.Globalization.CultureInfo.InvariantCulture);
        BigInteger s = n - new BigInteger(highS.AsSpan(32, 32), isUnsigned: true, isBigEndian: true);
        s.TryWriteBytes(highS.AsSpan(32, 32), out _, isUnsigned: true, isBigEndian: true);
        highS[64] = (byte)(highS[64] == 27 ? 28 : 27); // the same signer, in its malleable form
        byte[] badV = honest.Signature.ToArray();
        badV[64] = 29;

        await AssertRejectedAsync(ChainError.InvalidSignature, () => Chain.PostBatchAsync(Host, new SignedBatch(honest.Encoded, highS)).AsTask());
        await AssertRejectedAsync(ChainError.InvalidSignature, () => Chain.PostBatchAsync(Host, new SignedBatch(honest.Encoded, badV)).AsTask());
        await AssertRejectedAsync(ChainError.InvalidSignature, () => Chain.PostBatchAsync(Host, new SignedBatch(honest.Encoded, honest.Signature[..64])).AsTask());
    }

    [Fact]
    public async Task PostBatch_BeforeKeyRegistered_RejectedWithEnclaveKeyNotRegistered()
    {
        SettlementBatch batch = await NextBatchAsync();

        await AssertRejectedAsync(ChainError.EnclaveKeyNotRegistered, () => Chain.PostBatchAsync(Host, Sign(batch)).AsTask());
    }

    [Fact]
    public async Task PostBatch_MalformedBytes_RejectedWithMalformedBatch()
    {
        await DepositAndRegisterAsync();
        byte[] encoded = BatchDescriptor.Encode(await NextBatchAsync());
        byte[] longer = [.. encoded, 0];

        await AssertRejectedAsync(ChainError.MalformedBatch, () => Chain.PostBatchAsync(Host, new SignedBatch(longer, BatchDescriptor.SignHash(BatchDescriptor.Hash(longer), Chain.Domain, Enclave))).AsTask());
        await AssertRejectedAsync(ChainError.MalformedBatch, () => Chain.PostBatchAsync(Host, new SignedBatch(encoded[..100], new byte[65])).AsTask());
    }

    [Fact]
    public async Task PostBatch_SkippedSequence_RejectedWithSequenceMismatch()
    {
        await DepositAndRegisterAsync();
        SettlementBatch batch = await NextBatchAsync();

        await AssertRejectedAsync(ChainError.SequenceMismatch, () => Chain.PostBatchAsync(Host, Sign(With(batch, sequence: 2))).AsTask());
    }

    [Fact]
    public async Task PostBatch_OtherBatchWithSettledSequence_RejectedWithSequenceMismatch()
    {
        await DepositAndRegisterAsync();
        SettlementBatch first = await NextBatchAsync();
        await Chain.PostBatchAsync(Host, Sign(first));

        SettlementBatch rival = new(1, Hash32.Zero, Hash32.FromBytes(Fill(32, 0xEE)), first.DepositCursor, [new Withdrawal(Token, Outsider, 1)], first.Ciphertext);

        await AssertRejectedAsync(ChainError.SequenceMismatch, () => Chain.PostBatchAsync(Host, Sign(rival)).AsTask());
    }

    [Fact]
    public async Task PostBatch_WrongPreviousHash_RejectedWithPreviousHashMismatch()
    {
        await DepositAndRegisterAsync();
        SignedBatch first = Sign(await NextBatchAsync());
        await Chain.PostBatchAsync(Host, first);
        SettlementBatch second = await NextBatchAsync();

        await AssertRejectedAsync(ChainError.PreviousHashMismatch, () => Chain.PostBatchAsync(Host, Sign(With(second, previous: Hash32.FromBytes(Fill(32, 7))))).AsTask());
    }

    [Fact]
    public async Task PostBatch_WrongDepositCursorHash_RejectedWithDepositCursorMismatch()
    {
        await DepositAndRegisterAsync();
        SettlementBatch batch = await NextBatchAsync();
        Hash32 atOne = await Chain.GetDepositHashAsync(1);

        await AssertRejectedAsync(ChainError.DepositCursorMismatch, () => Chain.PostBatchAsync(Host, Sign(With(batch, cursor: new DepositCursor(2, atOne)))).AsTask());
        await AssertRejectedAsync(ChainError.DepositCursorMismatch, () => Chain.PostBatchAsync(Host, Sign(With(batch, cursor: new DepositCursor(0, atOne)))).AsTask());
    }

    [Fact]
    public async Task PostBatch_DepositCursorAheadOrBehind_RejectedWithSpecificError()
    {
        await DepositAndRegisterAsync();
        SettlementBatch first = await NextBatchAsync();
        await Chain.PostBatchAsync(Host, Sign(first));
        SettlementBatch second = await NextBatchAsync();
        Hash32 atOne = await Chain.GetDepositHashAsync(1);

        await AssertRejectedAsync(ChainError.DepositCursorAhead, () => Chain.PostBatchAsync(Host, Sign(With(second, cursor: new DepositCursor(3, atOne)))).AsTask());
        await AssertRejectedAsync(ChainError.DepositCursorBehind, () => Chain.PostBatchAsync(Host, Sign(With(second, cursor: new DepositCursor(1, atOne)))).AsTask());
    }

    [Fact]
    public async Task PostBatch_WithdrawalAboveCustody_RejectedWithInsufficientCustody()
    {
        await DepositAndRegisterAsync();
        SettlementBatch batch = await NextBatchAsync([new Withdrawal(Token, TraderA.Address, 1000), new Withdrawal(Token, TraderB.Address, 201)]);
        EthAddress unknownToken = ChainKey.Generate().Address;
        SettlementBatch foreign = await NextBatchAsync([new Withdrawal(unknownToken, TraderA.Address, 1)]);

        await AssertRejectedAsync(ChainError.InsufficientCustody, () => Chain.PostBatchAsync(Host, Sign(batch)).AsTask());
        await AssertRejectedAsync(ChainError.InsufficientCustody, () => Chain.PostBatchAsync(Host, Sign(foreign)).AsTask());

        // The first withdrawal was applied before the second was refused: nothing of it stayed, and the chain goes on.
        SettlementBatch valid = await NextBatchAsync([new Withdrawal(Token, TraderA.Address, 1000)]);
        Assert.Equal(BatchPostStatus.Settled, (await Chain.PostBatchAsync(Host, Sign(valid))).Status);
    }

    [Fact]
    public async Task PostBatch_ZeroWithdrawal_RejectedWithInvalidWithdrawal()
    {
        await DepositAndRegisterAsync();
        SettlementBatch zeroAmount = await NextBatchAsync([new Withdrawal(Token, TraderA.Address, 0)]);
        SettlementBatch zeroRecipient = await NextBatchAsync([new Withdrawal(Token, EthAddress.Zero, 1)]);

        await AssertRejectedAsync(ChainError.InvalidWithdrawal, () => Chain.PostBatchAsync(Host, Sign(zeroAmount)).AsTask());
        await AssertRejectedAsync(ChainError.InvalidWithdrawal, () => Chain.PostBatchAsync(Host, Sign(zeroRecipient)).AsTask());
    }

    [Fact]
    public async Task PostBatch_Repost_ReportedAlreadySettledAndChangesNothing()
    {
        await DepositAndRegisterAsync();
        SignedBatch signed = Sign(await NextBatchAsync([new Withdrawal(Token, Outsider, 100)]));
        await Chain.PostBatchAsync(Host, signed);
        string before = await SnapshotAsync();

        BatchPostResult again = await Chain.PostBatchAsync(Host, signed);
        BatchPostResult byAnotherSender = await Chain.PostBatchAsync(TraderB, new SignedBatch(signed.Encoded, signed.Signature));

        Assert.Equal(new BatchPostResult(BatchPostStatus.AlreadySettled, 1, signed.Hash), again);
        Assert.Equal(BatchPostStatus.AlreadySettled, byAnotherSender.Status);
        Assert.Equal(before, await SnapshotAsync());
        Assert.Equal(new BigInteger(100), await Chain.GetTokenBalanceAsync(Token, Outsider));
        Assert.Single(await Chain.GetSettledBatchesAsync(1));
    }

    [Fact]
    public async Task PostBatch_ReplayedAfterLaterBatch_ReportedAlreadySettledAndChangesNothing()
    {
        await DepositAndRegisterAsync();
        SignedBatch first = Sign(await NextBatchAsync([new Withdrawal(Token, Outsider, 100)]));
        await Chain.PostBatchAsync(Host, first);
        await Chain.PostBatchAsync(Host, Sign(await NextBatchAsync()));
        string before = await SnapshotAsync();

        BatchPostResult replay = await Chain.PostBatchAsync(Host, first);

        Assert.Equal((BatchPostStatus.AlreadySettled, 1UL), (replay.Status, replay.Sequence));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task GetSettledBatches_AfterSettle_EventCarriesHashCiphertextAndBatch()
    {
        await DepositAndRegisterAsync();
        byte[] ciphertext = [.. Enumerable.Range(0, 300).Select(i => (byte)(i * 7))];
        SettlementBatch batch = await NextBatchAsync([new Withdrawal(Token, Outsider, 9)], ciphertext: ciphertext);
        SignedBatch signed = Sign(batch);
        await Chain.PostBatchAsync(Host, signed);
        await Chain.PostBatchAsync(Host, Sign(await NextBatchAsync(ciphertext: [])));

        IReadOnlyList<SettledBatch> all = await Chain.GetSettledBatchesAsync(1);
        SettledBatch read = all[0];

        Assert.Equal([1UL, 2UL], all.Select(b => b.Sequence));
        Assert.Equal((signed.Hash, batch.JournalHead), (read.BatchHash, read.JournalHead));
        Assert.Equal(ciphertext, read.Ciphertext.ToArray());
        Assert.Equal(signed.Encoded.ToArray(), read.Batch.Encoded.ToArray());
        Assert.True(BatchDescriptor.Verify(read.Batch, Chain.Domain, Enclave.Address));
        Assert.Empty(all[1].Ciphertext.ToArray());
        Assert.Equal([2UL], (await Chain.GetSettledBatchesAsync(2)).Select(b => b.Sequence));
    }

    [Fact]
    public async Task GetAnchoredJournalHead_AfterBatches_IsTheNewestBatchHead()
    {
        await DepositAndRegisterAsync();
        Assert.Equal(Hash32.Zero, await Chain.GetAnchoredJournalHeadAsync());
        Hash32 firstHead = Hash32.FromBytes(Fill(32, 0xA1));
        Hash32 secondHead = Hash32.FromBytes(Fill(32, 0xB2));

        await Chain.PostBatchAsync(Host, Sign(await NextBatchAsync(journalHead: firstHead)));
        Hash32 afterFirst = await Chain.GetAnchoredJournalHeadAsync();
        await Chain.PostBatchAsync(Host, Sign(await NextBatchAsync(journalHead: secondHead)));

        Assert.Equal((firstHead, secondHead), (afterFirst, await Chain.GetAnchoredJournalHeadAsync()));
    }

    [Fact]
    public async Task RegisterEnclaveKey_Rotation_OldKeyRejectedNewKeyAccepted()
    {
        await DepositAndRegisterAsync();
        await Chain.PostBatchAsync(Host, Sign(await NextBatchAsync()));
        ChainKey rotated = ChainKey.Generate();
        await Chain.RegisterEnclaveKeyAsync(Governance, rotated.Address);
        SettlementBatch second = await NextBatchAsync();

        await AssertRejectedAsync(ChainError.SignerMismatch, () => Chain.PostBatchAsync(Host, Sign(second)).AsTask());
        BatchPostResult result = await Chain.PostBatchAsync(Host, Sign(second, rotated));

        Assert.Equal(BatchPostStatus.Settled, result.Status);
        Assert.Equal([(Enclave.Address, 1UL), (rotated.Address, 2UL)], (await Chain.GetKeyRegistrationsAsync()).Select(k => (k.Key, k.FromSequence)));
    }
}
