namespace DarkPool.Engine.Internal;

/// <summary>The matching policy, called by a book for each resting order the taker reaches, in priority order.</summary>
internal interface IMatchHandler
{
    /// <summary>
    /// Trades with or cancels <paramref name="resting"/>, updating both orders' remaining and hold.
    /// Returns false to stop matching; when it returns true, <paramref name="resting"/> has no remaining
    /// quantity left, so the book removes it and moves on.
    /// </summary>
    bool OnResting(ref Taker taker, ref OrderData resting);
}
