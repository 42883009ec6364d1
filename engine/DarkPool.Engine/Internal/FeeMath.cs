using System.Runtime.CompilerServices;

namespace DarkPool.Engine.Internal;

/// <summary>
/// Integer money arithmetic. Fees round down (in the trader's favour): then the sum of per-fill fees never
/// exceeds the fee on the sum, so a hold computed once at placement covers every fill. See docs/ENGINE.md.
/// </summary>
internal static class FeeMath
{
    public const int MaxBps = 10_000;
    private const long DirectLimit = long.MaxValue / MaxBps;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Fee(long notional, int bps)
    {
        if (bps == 0)
        {
            return 0;
        }

        return notional <= DirectLimit ? notional * bps / MaxBps : WideFee(notional, bps);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long WideFee(long notional, int bps) => (long)((Int128)notional * bps / MaxBps);

    /// <summary>a × b if it fits in a non-negative long.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryMultiply(long a, long b, out long product)
    {
        if ((ulong)(a | b) < 1UL << 31)
        {
            // Both non-negative and below 2^31, as nearly every quantity and lot size is: the product is below 2^62.
            product = a * b;
            return true;
        }

        long wide = WideProduct(a, b);
        product = Math.Max(wide, 0);
        return wide >= 0;
    }

    /// <summary>
    /// a × b for factors not both below 2^31, or -1 if it does not fit in a non-negative long. Out of line, and
    /// returning a value rather than an out parameter: its address-taken 128-bit halves would otherwise be zeroed
    /// in the prologue of every caller it is inlined into (the amend path).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long WideProduct(long a, long b)
    {
        ulong high = Math.BigMul((ulong)a, (ulong)b, out ulong low);
        return (a | b) < 0 || high != 0 || low > long.MaxValue ? -1 : (long)low;
    }

    /// <summary>What a buy of <paramref name="quantity"/> at <paramref name="price"/> can cost at most: notional plus fee.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryBuyHold(long price, long quantity, int bps, out long hold)
    {
        if ((ulong)(price | quantity) < 1UL << 31)
        {
            // Both non-negative and below 2^31, as nearly every order is: the notional is below 2^62, the fee
            // at most the notional, so nothing can overflow and the checks below have nothing to find.
            long small = price * quantity;
            hold = small + Fee(small, bps);
            return true;
        }

        long wide = WideBuyHold(price, quantity, bps);
        hold = Math.Max(wide, 0);
        return wide >= 0;
    }

    /// <summary>The hold of <see cref="TryBuyHold"/> for a price or quantity at or above 2^31, or -1 if it does not fit; out of line, as <see cref="WideProduct"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long WideBuyHold(long price, long quantity, int bps)
    {
        if (!TryMultiply(price, quantity, out long notional))
        {
            return -1;
        }

        long fee = Fee(notional, bps);
        return notional > long.MaxValue - fee ? -1 : notional + fee;
    }

    /// <summary>The largest notional N with N + Fee(N) not above <paramref name="spend"/>.</summary>
    public static long MaxNotional(long spend, int bps)
    {
        if (bps == 0 || spend <= 0)
        {
            return Math.Max(spend, 0);
        }

        // Written so that nothing overflows even at spend = long.MaxValue: n < spend and fees are never negative.
        long n = (long)((Int128)spend * MaxBps / (MaxBps + bps));
        while (n < spend && n + 1 <= spend - Fee(n + 1, bps))
        {
            n++;
        }

        while (n > 0 && n > spend - Fee(n, bps))
        {
            n--;
        }

        return n;
    }
}
