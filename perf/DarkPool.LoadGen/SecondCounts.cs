using System.Globalization;

/// <summary>
/// With <c>--timeline 1</c>: per second of the measured window (by planned send time), the answers, how many took over
/// 10 ms, and the slowest. Any number of senders record into one (the unary drivers, the market makers, the takers).
/// </summary>
internal sealed class SecondCounts(int seconds)
{
    private readonly long[] _answers = new long[seconds];
    private readonly long[] _slow = new long[seconds];
    private readonly long[] _slowest = new long[seconds];

    /// <summary>How many seconds it counts.</summary>
    public int Length => _answers.Length;

    /// <summary>Answers counted in <paramref name="second"/>.</summary>
    public long Answers(int second) => Volatile.Read(ref _answers[second]);

    /// <summary>Counts an answer planned in <paramref name="second"/> that took <paramref name="nanoseconds"/>; seconds outside the window are ignored.</summary>
    public void Record(long second, long nanoseconds)
    {
        if (second < 0 || second >= _answers.Length)
        {
            return;
        }

        _ = Interlocked.Increment(ref _answers[second]);
        if (nanoseconds > 10_000_000)
        {
            _ = Interlocked.Increment(ref _slow[second]);
        }

        long seen = Volatile.Read(ref _slowest[second]);
        while (nanoseconds > seen && Interlocked.CompareExchange(ref _slowest[second], nanoseconds, seen) != seen)
        {
            seen = Volatile.Read(ref _slowest[second]);
        }
    }

    /// <summary>One second as "answers, over 10 ms, slowest".</summary>
    public string Line(int second) => string.Create(CultureInfo.InvariantCulture,
        $"{Answers(second),7:N0} answers, {Volatile.Read(ref _slow[second]),6:N0} over 10 ms, slowest {Volatile.Read(ref _slowest[second]) / 1e6,8:F1} ms");
}
