using DarkPool.Engine;
using DarkPool.Protocol.Internal;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;
using DarkPool.Protocol.Messages.Responses;

namespace DarkPool.Enclave.Core;

/// <summary>
/// Market-maker requests composed from engine commands inside one record (the engine has no command for them and stays
/// pure): atomic cancel-replace, batch place and the mass quote (batch cancel-replace). Each answers with one summary
/// first (the request's recorded outcome, so a resubmission gets it back), then the engine's events for every half,
/// exactly as if they had been sent one by one; the mass quote leaves out, for the requesting session only, the halves'
/// acknowledgements its summary already carries.
/// </summary>
public sealed partial class EnclaveCore
{
    // The batch answers' result arrays, one per length, reused: every slot is written before the answer is sealed, and
    // the answer is sealed (serialised) before the next batch runs, so no array outlives its batch.
    private readonly ArraysByLength<BatchCancelReplaceResult> _quoteResults = new(BatchCancelReplace.MaxQuotes);
    private readonly ArraysByLength<BatchPlaceResult> _placeResults = new(BatchPlace.MaxOrders);

    /// <summary>
    /// Cancel, then place only if the cancel succeeded: an old quote that already traded or vanished is never replaced,
    /// so a market maker cannot double its exposure. Both commands carry the record's time; one journal record.
    /// </summary>
    private void ExecuteCancelReplace(in CancelReplace request, Requester requester, long time)
    {
        _events.Clear();
        BatchCancelReplaceResult result = ReplaceOne(request, requester.Account, time);
        Reply(requester, time, new CancelReplaced
        {
            Market = request.Market,
            CancelledClientOrderId = request.CancelClientOrderId,
            CancelReject = result.CancelReject,
            CancelledQuantity = result.CancelledQuantity,
            ClientOrderId = request.ClientOrderId,
            PlaceStatus = result.PlaceStatus,
            PlaceReject = result.PlaceReject,
        });
        RouteEvents(requester, requester.RequestId, time);
    }

    /// <summary>
    /// A mass quote: each cancel-replace in turn, exactly as alone (a later quote sees the earlier ones' effect on
    /// balances and the book). The summary is the requesting session's acknowledgement of every half, so the halves' own
    /// acknowledgements are not sealed to that session again; fills, and everything for the account's other sessions
    /// and for counterparties, are routed as usual.
    /// </summary>
    private void ExecuteBatchCancelReplace(in BatchCancelReplace request, Requester requester, long time)
    {
        CancelReplace[] quotes = request.Quotes!;
        BatchCancelReplaceResult[] results = _quoteResults.Get(quotes.Length);
        _events.Clear();
        for (int i = 0; i < quotes.Length; i++)
        {
            results[i] = ReplaceOne(quotes[i], requester.Account, time);
        }

        Reply(requester, time, new BatchCancelReplaced { Results = results });
        RouteEvents(requester, requester.RequestId, time, acknowledged: true);
    }

    /// <summary>One cancel-replace's two halves, appending the engine's events to <see cref="_events"/>.</summary>
    private BatchCancelReplaceResult ReplaceOne(in CancelReplace request, int account, long time)
    {
        int from = _events.Count;
        _engine.Execute(Stamp(Command.CancelOrder(account, request.Market, request.CancelClientOrderId), time));
        RejectCode cancelReject = VerdictOf(account, request.CancelClientOrderId, from, EventType.Cancelled, out long cancelled);
        if (cancelReject != RejectCode.None)
        {
            return new BatchCancelReplaceResult { CancelReject = cancelReject, PlaceStatus = PlaceStatus.NotAttempted };
        }

        from = _events.Count;
        _engine.Execute(ToCommand(request.NewOrder, account, time));
        RejectCode placeReject = VerdictOf(account, request.ClientOrderId, from, EventType.Accepted, out _);
        return new BatchCancelReplaceResult
        {
            CancelledQuantity = cancelled,
            PlaceStatus = placeReject == RejectCode.None ? PlaceStatus.Accepted : PlaceStatus.Rejected,
            PlaceReject = placeReject,
        };
    }

    /// <summary>Places each order in turn (a later one may trade against an earlier one's effect on balances, never its own).</summary>
    private void ExecuteBatchPlace(in BatchPlace request, Requester requester, long time)
    {
        PlaceOrder[] orders = request.Orders!;
        BatchPlaceResult[] results = _placeResults.Get(orders.Length);
        _events.Clear();
        for (int i = 0; i < orders.Length; i++)
        {
            int from = _events.Count;
            _engine.Execute(ToCommand(orders[i], requester.Account, time));
            results[i] = new BatchPlaceResult
            {
                ClientOrderId = orders[i].ClientOrderId,
                Reject = VerdictOf(requester.Account, orders[i].ClientOrderId, from, EventType.Accepted, out _),
            };
        }

        Reply(requester, time, new BatchPlaced { Results = results });
        RouteEvents(requester, requester.RequestId, time);
    }

    /// <summary>
    /// The engine's verdict on one command, read from the events it emitted (from index <paramref name="from"/>): None
    /// when the expected event for the order came (accepted, or cancelled by its owner), otherwise the rejection reason.
    /// </summary>
    private RejectCode VerdictOf(int account, long orderId, int from, EventType success, out long quantity)
    {
        quantity = 0;
        for (int i = from; i < _events.Count; i++)
        {
            EngineEvent e = _events[i];
            if (e.Account != account || e.OrderId != orderId)
            {
                continue;
            }

            if (e.Type == success)
            {
                quantity = e.Quantity;
                return RejectCode.None;
            }

            if (e.Type == EventType.Rejected)
            {
                var reason = (RejectCode)e.RejectReason;
                return reason != RejectCode.None && Enum.IsDefined(reason) ? reason : RejectCode.InvalidCommand;
            }
        }

        // The engine answers every command with one of the two; anything else is treated as a refusal, never a success.
        return RejectCode.InvalidCommand;
    }
}
