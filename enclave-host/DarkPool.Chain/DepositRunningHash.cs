using System.Buffers.Binary;
using System.Numerics;
using DarkPool.Chain.Internal;

namespace DarkPool.Chain;

/// <summary>
/// The running hash over all deposits, as the contract computes it: H_0 = 0 and
/// H_i = keccak256(abi.encode(H_{i-1}, uint64 i, address token, address account, uint256 amount)),
/// five 32-byte words. The enclave recomputes it over the deposits relayed to it and the contract
/// checks a batch's deposit cursor against it, so the host cannot drop, reorder or invent a deposit.
/// </summary>
public static class DepositRunningHash
{
    /// <summary>H_index from H_(index-1) and deposit <paramref name="index"/>.</summary>
    public static Hash32 Next(Hash32 previous, ulong index, EthAddress token, EthAddress account, BigInteger amount)
    {
        if (amount.Sign < 0 || amount.GetByteCount(isUnsigned: true) > 32)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), "A deposit amount is a uint256.");
        }

        Span<byte> words = stackalloc byte[5 * 32];
        words.Clear();
        previous.WriteTo(words);
        BinaryPrimitives.WriteUInt64BigEndian(words[(32 + 24)..], index);
        token.WriteTo(words[(64 + 12)..]);
        account.WriteTo(words[(96 + 12)..]);
        amount.TryWriteBytes(words[(160 - amount.GetByteCount(isUnsigned: true))..], out _, isUnsigned: true, isBigEndian: true);
        return Keccak.Hash(words);
    }
}
