using System.Buffers.Binary;

namespace DarkPool.Protocol.Envelopes;

/// <summary>
/// Fixed-size padding of a MessagePack message inside an envelope's plaintext: a u16 length, the message, then zeros
/// to the end of the size class. The length is inside the ciphertext, so the envelope's size says nothing about it.
/// </summary>
public static class Padding
{
    /// <summary>Size of the length prefix.</summary>
    public const int LengthPrefixSize = 2;

    /// <summary>Where the message starts in the padded block.</summary>
    public const int MessageOffset = LengthPrefixSize;

    /// <summary>Writes <paramref name="message"/> padded to exactly <paramref name="block"/>'s length.</summary>
    /// <exception cref="ArgumentException">The message does not fit.</exception>
    public static void Pad(ReadOnlySpan<byte> message, Span<byte> block)
    {
        if (message.Length > block.Length - LengthPrefixSize)
        {
            throw new ArgumentException($"A message of {message.Length} bytes does not fit {block.Length} bytes of plaintext.", nameof(message));
        }

        BinaryPrimitives.WriteUInt16LittleEndian(block, (ushort)message.Length);
        message.CopyTo(block[LengthPrefixSize..]);
        block[(LengthPrefixSize + message.Length)..].Clear();
    }

    /// <summary>The message inside a padded block; false when the length is too large or a padding byte is not zero.</summary>
    public static bool TryUnpad(ReadOnlySpan<byte> block, out int messageLength)
    {
        messageLength = 0;
        if (block.Length < LengthPrefixSize)
        {
            return false;
        }

        int length = BinaryPrimitives.ReadUInt16LittleEndian(block);
        if (length > block.Length - LengthPrefixSize || block[(LengthPrefixSize + length)..].ContainsAnyExcept((byte)0))
        {
            return false;
        }

        messageLength = length;
        return true;
    }
}
