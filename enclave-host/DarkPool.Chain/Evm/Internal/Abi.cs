using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using DarkPool.Chain.Internal;

namespace DarkPool.Chain.Evm.Internal;

/// <summary>
/// The few ABI encodings the backend needs, written out: a selector and static 32-byte words, plus
/// the two-<c>bytes</c> call of <c>settle</c> and the string constructor of the test token.
/// </summary>
internal static class Abi
{
    public static byte[] Selector(string signature) => Keccak.Hash(Encoding.ASCII.GetBytes(signature)).ToArray()[..4];

    public static byte[] Word(EthAddress address)
    {
        byte[] word = new byte[32];
        address.WriteTo(word.AsSpan(12));
        return word;
    }

    public static byte[] Word(ulong value)
    {
        byte[] word = new byte[32];
        BinaryPrimitives.WriteUInt64BigEndian(word.AsSpan(24), value);
        return word;
    }

    public static byte[] Word(BigInteger value)
    {
        if (value.Sign < 0 || value.GetByteCount(isUnsigned: true) > 32)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "A uint256 is 0 to 2^256-1.");
        }

        byte[] word = new byte[32];
        value.TryWriteBytes(word.AsSpan(32 - value.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
        return word;
    }

    /// <summary>selector | static words.</summary>
    public static byte[] Call(string signature, params byte[][] words) => [.. Selector(signature), .. words.SelectMany(w => w)];

    /// <summary>
    /// Arguments for a signature whose dynamic <c>bytes</c>/<c>string</c> parameters all come first and
    /// static words after: head (offsets, then the static words), then each tail (length, padded data).
    /// </summary>
    public static byte[] Dynamic(IReadOnlyList<byte[]> dynamics, IReadOnlyList<byte[]> fixedWords)
    {
        int headSize = 32 * (fixedWords.Count + dynamics.Count);
        var head = new List<byte>();
        var tail = new List<byte>();
        foreach (byte[] dynamic in dynamics)
        {
            head.AddRange(Word((ulong)(headSize + tail.Count)));
            tail.AddRange(Word((ulong)dynamic.Length));
            tail.AddRange(dynamic);
            tail.AddRange(new byte[(32 - (dynamic.Length % 32)) % 32]);
        }

        return [.. head, .. fixedWords.SelectMany(w => w), .. tail];
    }

    public static ulong ReadUInt64(ReadOnlySpan<byte> word)
    {
        if (word[..24].ContainsAnyExcept((byte)0))
        {
            throw new FormatException("The word does not fit a uint64.");
        }

        return BinaryPrimitives.ReadUInt64BigEndian(word[24..]);
    }

    public static EthAddress ReadAddress(ReadOnlySpan<byte> word) => EthAddress.FromBytes(word[12..32]);

    public static BigInteger ReadUInt256(ReadOnlySpan<byte> word) => new(word[..32], isUnsigned: true, isBigEndian: true);

    /// <summary>The <c>bytes</c> argument whose head word sits at <paramref name="headOffset"/> of <paramref name="args"/>.</summary>
    public static byte[] ReadBytes(ReadOnlySpan<byte> args, int headOffset)
    {
        int offset = checked((int)ReadUInt64(args.Slice(headOffset, 32)));
        int length = checked((int)ReadUInt64(args.Slice(offset, 32)));
        return args.Slice(offset + 32, length).ToArray();
    }
}
