namespace DarkPool.Engine.Internal;

/// <summary>The matching policy, called by a book for each resting order the taker reaches, in priority order.</summary>
internal interface IMatchHandler
{
    /// <summary>
    /// Trades with, cancels or skips <paramref name="resting"/>, updating both orders' remaining and hold.
    /// The book removes <paramref name="resting"/> when it has no remaining quantity left. Returns true to
    /// go on to the next resting order (after a full fill, or after a skip: minimum quantity, an
    /// ineligible peg), false to stop.
    /// </summary>
    bool OnResting(ref Taker taker, ref OrderData resting);
}
