using System.Numerics;

namespace DarkPool.Chain.Embedded.Internal;

internal sealed class TokenEntry
{
    public EthAddress Address { get; set; }

    public string Symbol { get; set; } = "";

    public EthAddress Issuer { get; set; }

    /// <summary>What the settlement contract holds of this token for the pool.</summary>
    public BigInteger Custody { get; set; }

    public Dictionary<EthAddress, BigInteger> Balances { get; set; } = [];

    public BigInteger BalanceOf(EthAddress holder) => Balances.GetValueOrDefault(holder);

    public void Move(EthAddress from, EthAddress to, BigInteger amount)
    {
        Balances[from] = BalanceOf(from) - amount;
        Balances[to] = BalanceOf(to) + amount;
    }
}
