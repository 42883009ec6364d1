namespace DarkPool.Engine.Internal;

/// <summary>Receives orders removed in bulk (mass cancel), in arrival-sequence order.</summary>
internal interface IOrderSink
{
    void OnRemoved(in OrderData order);
}
