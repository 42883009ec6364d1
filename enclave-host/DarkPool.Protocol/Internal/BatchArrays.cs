using DarkPool.Protocol.Messages.Requests;

namespace DarkPool.Protocol.Internal;

/// <summary>
/// The item arrays of decoded batch requests, one per length, reused from one decode to the next by a single-threaded
/// reader that is done with each request before it decodes the next (the enclave's session table: the pipeline executes
/// a request as soon as it is opened). A request decoded with them is valid only until the next decode with the same
/// instance; the public <c>RequestCodec.TryRead</c> never uses them.
/// </summary>
internal sealed class BatchArrays
{
    /// <summary>Mass quotes' items, by count.</summary>
    public ArraysByLength<CancelReplace> Quotes { get; } = new(BatchCancelReplace.MaxQuotes);

    /// <summary>Batch places' items, by count.</summary>
    public ArraysByLength<PlaceOrder> Orders { get; } = new(BatchPlace.MaxOrders);
}
