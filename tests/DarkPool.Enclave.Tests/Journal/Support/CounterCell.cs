namespace DarkPool.Enclave.Tests.Journal.Support;

/// <summary>The platform's monotonic counter, shared by the platform instances of one "machine".</summary>
internal sealed class CounterCell
{
    public ulong Value { get; set; }
}
