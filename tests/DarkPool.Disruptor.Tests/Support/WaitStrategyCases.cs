namespace DarkPool.Disruptor.Tests.Support;

/// <summary>Names every wait strategy so that a theory runs once per strategy.</summary>
internal static class WaitStrategyCases
{
    public static readonly IReadOnlyList<string> Names = ["BusySpin", "Yielding", "Sleeping", "Blocking"];

    public static TheoryData<string> All => [.. Names];

    public static IWaitStrategy Create(string name) => name switch
    {
        "BusySpin" => new BusySpinWaitStrategy(),
        "Yielding" => new YieldingWaitStrategy(),
        "Sleeping" => new SleepingWaitStrategy(),
        "Blocking" => new BlockingWaitStrategy(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown wait strategy."),
    };
}
