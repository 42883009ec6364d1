using System.Numerics;

namespace DarkPool.Chain.Embedded.Internal;

internal sealed class DepositEntry
{
    public EthAddress Token { get; set; }

    public EthAddress Account { get; set; }

    public BigInteger Amount { get; set; }

    public Hash32 RunningHash { get; set; }

    public ulong Block { get; set; }
}
