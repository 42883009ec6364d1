namespace DarkPool.Enclave.Tests.Journal.Faults;

/// <summary>The power went: thrown by every call on a <see cref="FaultyFolder"/> from its crash point until <see cref="FaultyFolder.Restart"/>.</summary>
internal sealed class SimulatedCrashException : IOException
{
    public SimulatedCrashException()
        : base("Simulated crash.")
    {
    }
}
