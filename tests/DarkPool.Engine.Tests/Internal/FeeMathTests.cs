using CsCheck;
using DarkPool.Engine.Internal;

namespace DarkPool.Engine.Tests.Internal;

public sealed class FeeMathTests
{
    [Theory]
    [InlineData(long.MaxValue, 160)]
    [InlineData(long.MaxValue - 1, 9_999)]
    [InlineData(long.MaxValue, 10_000)]
    [InlineData(1, 10_000)]
    [InlineData(0, 25)]
    public void MaxNotional_Extremes_LargestAffordableNotional(long spend, int bps)
    {
        long n = FeeMath.MaxNotional(spend, bps);
        Assert.True((Int128)n + FeeMath.Fee(n, bps) <= spend);
        Assert.True(n == spend || (Int128)(n + 1) + FeeMath.Fee(n + 1, bps) > spend);
    }

    [Fact]
    public void MaxNotional_AnySpendAndRate_IsTheLargestAffordable()
    {
        Gen.Select(Gen.Long[0, long.MaxValue], Gen.Int[0, 10_000]).Sample((spend, bps) =>
        {
            long n = FeeMath.MaxNotional(spend, bps);
            Assert.True((Int128)n + FeeMath.Fee(n, bps) <= spend);
            Assert.True(n == spend || (Int128)(n + 1) + FeeMath.Fee(n + 1, bps) > spend);
        });
    }

    [Theory]
    [InlineData(long.MaxValue, 2)]
    [InlineData(-1, 2)]
    [InlineData(3_037_000_500, 3_037_000_500)]
    public void TryMultiply_Overflow_ReturnsFalse(long a, long b)
    {
        Assert.False(FeeMath.TryMultiply(a, b, out _));
    }

    /// <summary>
    /// The shortcut for prices and quantities below 2^31 gives what 128-bit arithmetic gives, on both sides of
    /// that bound and at every rate; above it, an unrepresentable hold is still refused.
    /// </summary>
    [Fact]
    public void TryBuyHold_AnyPriceQuantityAndRate_MatchesWideArithmetic()
    {
        Gen<long> around = Gen.OneOf(Gen.Long[0, 1L << 31], Gen.Long[(1L << 31) - 16, (1L << 31) + 16], Gen.Long[-4, long.MaxValue]);
        Gen.Select(around, around, Gen.Int[0, 10_000]).Sample((price, quantity, bps) =>
        {
            Int128 notional = (Int128)price * quantity;
            Int128 expected = notional + (notional * bps / 10_000);
            bool fits = price >= 0 && quantity >= 0 && expected <= long.MaxValue;
            Assert.Equal(fits, FeeMath.TryBuyHold(price, quantity, bps, out long hold));
            Assert.Equal(fits ? (long)expected : 0, hold);
        }, iter: 200_000);
    }

    [Fact]
    public void Fee_RoundsDown()
    {
        Assert.Equal(4, FeeMath.Fee(1_999, 25));
        Assert.Equal(long.MaxValue, FeeMath.Fee(long.MaxValue, 10_000));
    }
}
