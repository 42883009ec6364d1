using System.Security.Cryptography;
using DarkPool.Enclave.Core;
using DarkPool.Enclave.Pipeline;

namespace DarkPool.Host;

// Design:
// One one-shot timer per auction market. Each firing first arms the next one, interval - U milliseconds later with U
// drawn uniformly from [0, random end] by the CSPRNG, then submits a journaled Auction record; so consecutive uncrosses
// are between interval - random end and interval apart (plus the timer's own lateness), and the moment of the next
// uncross cannot be predicted from the last. At most one uncross per market is in flight: if the previous one has not
// been answered (a busy or slow pipeline) this one is skipped rather than queued. The lock orders re-arming against
// Dispose, so a disposed timer never re-arms; a firing already running may still submit once.

/// <summary>Uncrosses one auction market: an <c>Auction</c> record at the end of every period, each end random within its window.</summary>
internal sealed class AuctionTimer : IDisposable
{
    private readonly OneInFlight _uncrosses;
    private readonly byte[] _record;
    private readonly int _intervalMs;
    private readonly int _randomEndMs;
    private readonly Timer _timer;
    private readonly Lock _gate = new();
    private bool _disposed;

    private AuctionTimer(Func<byte[], Task<EnclaveReply>> submit, MarketOptions market)
    {
        _uncrosses = new OneInFlight(submit);
        _record = EnclaveRecords.Auction(0, market.Id);
        _intervalMs = market.AuctionIntervalMs;
        _randomEndMs = market.AuctionRandomEndMs;
        _timer = new Timer(static self => ((AuctionTimer)self!).Fire(), this, Timeout.Infinite, Timeout.Infinite);
        Arm();
    }

    /// <summary>A timer for each auction market of <paramref name="markets"/> (validated); continuous markets get none.</summary>
    public static AuctionTimer[] StartAll(IEnumerable<MarketOptions> markets, Func<byte[], Task<EnclaveReply>> submit) =>
        [.. markets.Where(m => m.Mode == TradingMode.Auction).Select(m => new AuctionTimer(submit, m))];

    /// <summary>The next period's length: the interval minus a uniform draw from [0, random end], from the CSPRNG.</summary>
    public static int NextPeriodMs(int intervalMs, int randomEndMs) => intervalMs - RandomNumberGenerator.GetInt32(randomEndMs + 1);

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer.Dispose();
        }
    }

    private void Arm()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _ = _timer.Change(NextPeriodMs(_intervalMs, _randomEndMs), Timeout.Infinite);
            }
        }
    }

    private void Fire()
    {
        Arm();

        // The pipeline copies the record and stamps its time, so the one buffer serves every period.
        _uncrosses.Submit(_record);
    }
}
