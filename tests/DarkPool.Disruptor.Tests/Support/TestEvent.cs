namespace DarkPool.Disruptor.Tests.Support;

/// <summary>The slot type of the tests: a payload, its origin, and one field per downstream stage.</summary>
internal struct TestEvent
{
    public long Value;
    public long Producer;
    public long Counter;
    public long Stage1;
    public long Stage2;
}
