using DarkPool.Protocol.Envelopes;

namespace DarkPool.Protocol.Tests.Envelopes;

public sealed class PaddingTests
{
    [Theory]
    [InlineData(EnvelopeSizeClass.Standard, 0)]
    [InlineData(EnvelopeSizeClass.Standard, 1)]
    [InlineData(EnvelopeSizeClass.Standard, 254)]
    [InlineData(EnvelopeSizeClass.Bulk, 0)]
    [InlineData(EnvelopeSizeClass.Bulk, 1022)]
    public void PadThenUnpad_AnyLengthThatFits_RoundTrips(EnvelopeSizeClass sizeClass, int length)
    {
        byte[] message = Enumerable.Range(1, length).Select(i => (byte)i).ToArray();
        var block = new byte[EnvelopeLayout.PlaintextSize(sizeClass)];
        Array.Fill(block, (byte)0xEE);

        Padding.Pad(message, block);

        Assert.True(Padding.TryUnpad(block, out int read));
        Assert.Equal(message, block.AsSpan(Padding.MessageOffset, read).ToArray());
        Assert.All(block[(Padding.MessageOffset + length)..], b => Assert.Equal(0, b));
    }

    [Fact]
    public void Pad_MessageTooLarge_Throws()
    {
        var block = new byte[EnvelopeLayout.StandardPlaintextSize];

        Assert.Throws<ArgumentException>(() => Padding.Pad(new byte[255], block));
    }

    [Fact]
    public void TryUnpad_LengthBeyondBlock_IsRefused()
    {
        var block = new byte[EnvelopeLayout.StandardPlaintextSize];
        block[0] = 255;

        Assert.False(Padding.TryUnpad(block, out _));
    }

    [Theory]
    [InlineData(12)]
    [InlineData(100)]
    [InlineData(255)]
    public void TryUnpad_NonZeroPaddingByte_IsRefused(int position)
    {
        var block = new byte[EnvelopeLayout.StandardPlaintextSize];
        Padding.Pad([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], block);
        block[position] = 1;

        Assert.False(Padding.TryUnpad(block, out _));
    }

    [Fact]
    public void Layout_Sizes_AreAsDocumented()
    {
        Assert.Equal(40, EnvelopeLayout.HeaderSize);
        Assert.Equal(312, EnvelopeLayout.StandardEnvelopeSize);
        Assert.Equal(1080, EnvelopeLayout.BulkEnvelopeSize);
        Assert.Equal(254, EnvelopeLayout.MessageCapacity(EnvelopeSizeClass.Standard));
        Assert.Equal(1022, EnvelopeLayout.MessageCapacity(EnvelopeSizeClass.Bulk));
    }
}
