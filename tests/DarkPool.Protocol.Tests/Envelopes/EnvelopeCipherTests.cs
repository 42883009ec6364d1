using System.Security.Cryptography;
using DarkPool.Protocol.Envelopes;

namespace DarkPool.Protocol.Tests.Envelopes;

public sealed class EnvelopeCipherTests
{
    private static readonly SessionId Session = SessionId.FromBytes(Enumerable.Range(1, 16).Select(i => (byte)i).ToArray());

    private static byte[] Key(byte seed) => Enumerable.Repeat(seed, 32).ToArray();

    private static byte[] Seal(AesGcm key, ReadOnlySpan<byte> message, EnvelopeSizeClass sizeClass = EnvelopeSizeClass.Standard, ulong sequence = 5)
    {
        var envelope = new byte[EnvelopeLayout.EnvelopeSize(sizeClass)];
        var nonce = new byte[EnvelopeLayout.NonceSize];
        EnvelopeLayout.WriteNonce(sequence, nonce);
        Assert.Equal(envelope.Length, EnvelopeCipher.Seal(key, new EnvelopeHeader(EnvelopeKind.Request, sizeClass, Session, sequence), nonce, message, envelope));
        return envelope;
    }

    private static EnvelopeReject Open(AesGcm key, byte[] envelope, out byte[] message)
    {
        message = [];
        if (!EnvelopeHeader.TryParse(envelope, out EnvelopeHeader header, out EnvelopeReject reject))
        {
            return reject;
        }

        var plaintext = new byte[EnvelopeLayout.MaxEnvelopeSize];
        if (!EnvelopeCipher.TryOpen(key, header, envelope, plaintext, out int length, out reject))
        {
            Assert.All(plaintext, b => Assert.Equal(0, b));
            return reject;
        }

        message = plaintext.AsSpan(Padding.MessageOffset, length).ToArray();
        return EnvelopeReject.None;
    }

    [Theory]
    [InlineData(EnvelopeSizeClass.Standard)]
    [InlineData(EnvelopeSizeClass.Bulk)]
    public void SealThenOpen_SameKey_ReturnsTheMessageAndTheHeader(EnvelopeSizeClass sizeClass)
    {
        using var key = new AesGcm(Key(1), 16);
        byte[] envelope = Seal(key, [0x91, 0x01], sizeClass);

        Assert.True(EnvelopeHeader.TryParse(envelope, out EnvelopeHeader header, out _));
        Assert.Equal((EnvelopeKind.Request, sizeClass, Session, 5UL), (header.Kind, header.SizeClass, header.SessionId, header.Sequence));
        Assert.Equal(EnvelopeReject.None, Open(key, envelope, out byte[] message));
        Assert.Equal(new byte[] { 0x91, 0x01 }, message);
    }

    [Fact]
    public void Open_OtherKey_FailsAuthentication()
    {
        using var key = new AesGcm(Key(1), 16);
        using var other = new AesGcm(Key(2), 16);

        Assert.Equal(EnvelopeReject.AuthenticationFailed, Open(other, Seal(key, [1]), out _));
    }

    /// <summary>Every byte of the header is associated data, and every byte of ciphertext and tag is authenticated.</summary>
    [Fact]
    public void Open_AnyByteFlipped_FailsAuthentication()
    {
        using var key = new AesGcm(Key(1), 16);
        byte[] original = Seal(key, [1, 2, 3]);
        int[] positions = [.. Enumerable.Range(EnvelopeLayout.SessionIdOffset, EnvelopeLayout.HeaderSize - EnvelopeLayout.SessionIdOffset), 40, 41, 100, 295, 296, 311];
        foreach (int position in positions)
        {
            byte[] tampered = (byte[])original.Clone();
            tampered[position] ^= 0x40;

            Assert.Equal(EnvelopeReject.AuthenticationFailed, Open(key, tampered, out _));
        }
    }

    public static TheoryData<string, int, byte, EnvelopeReject> HeaderCorruptions() => new()
    {
        { "version", EnvelopeLayout.VersionOffset, 2, EnvelopeReject.UnsupportedVersion },
        { "kind 0", EnvelopeLayout.KindOffset, 0, EnvelopeReject.MalformedHeader },
        { "kind 3", EnvelopeLayout.KindOffset, 3, EnvelopeReject.MalformedHeader },
        { "size class 2", EnvelopeLayout.SizeClassOffset, 2, EnvelopeReject.MalformedHeader },
        { "size class bulk on a standard envelope", EnvelopeLayout.SizeClassOffset, 1, EnvelopeReject.Truncated },
        { "reserved", EnvelopeLayout.ReservedOffset, 1, EnvelopeReject.MalformedHeader },
    };

    [Theory]
    [MemberData(nameof(HeaderCorruptions))]
    public void TryParse_CorruptedHeader_IsRefusedByName(string field, int offset, byte value, EnvelopeReject expected)
    {
        using var key = new AesGcm(Key(1), 16);
        byte[] envelope = Seal(key, [1]);
        envelope[offset] = value;

        Assert.False(EnvelopeHeader.TryParse(envelope, out _, out EnvelopeReject reject), field);
        Assert.Equal(expected, reject);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(39)]
    [InlineData(40)]
    [InlineData(311)]
    [InlineData(313)]
    public void TryParse_WrongLength_IsTruncated(int length)
    {
        using var key = new AesGcm(Key(1), 16);
        byte[] envelope = Seal(key, [1]);
        Array.Resize(ref envelope, length);

        Assert.False(EnvelopeHeader.TryParse(envelope, out _, out EnvelopeReject reject));
        Assert.Equal(EnvelopeReject.Truncated, reject);
    }

    [Fact]
    public void Seal_SameInputs_SameBytes_AndOtherNonce_OtherCiphertext()
    {
        using var key = new AesGcm(Key(1), 16);

        Assert.Equal(Seal(key, [1, 2]), Seal(key, [1, 2]));
        Assert.NotEqual(Seal(key, [1, 2], sequence: 5).AsSpan(40).ToArray(), Seal(key, [1, 2], sequence: 6).AsSpan(40).ToArray());
    }
}
