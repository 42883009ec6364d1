using DarkPool.Engine;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;
using DarkPool.Protocol.Messages.Responses;

namespace DarkPool.Enclave.Core;

/// <summary>
/// Market-maker requests composed from engine commands inside one record (the engine has no command for them and stays
/// pure): atomic cancel-replace and batch place. Each answers with one summary first (the request's recorded outcome, so
/// a resubmission gets it back), then the engine's events for every half, exactly as if they had been sent one by one.
/// </summary>
public sealed partial class EnclaveCore
{
    /// <summary>
    /// Cancel, then place only if the cancel succeeded: an old quote that already traded or vanished is never replaced,
    /// so a market maker cannot double its exposure. Both commands carry the record's time; one journal record.
    /// </summary>
    private void ExecuteCancelReplace(in CancelReplace request, Requester requester, long time)
    {
        _events.Clear();
        _engine.Execute(Stamp(Command.CancelOrder(requester.Account, request.Market, request.CancelClientOrderId), time));
        RejectCode cancelReject = VerdictOf(requester.Account, request.CancelClientOrderId, 0, EventType.Cancelled, out long cancelled);
        PlaceStatus status = PlaceStatus.NotAttempted;
        RejectCode placeReject = RejectCode.None;
        if (cancelReject == RejectCode.None)
        {
            int from = _events.Count;
            _engine.Execute(ToCommand(request.NewOrder, requester.Account, time));
            placeReject = VerdictOf(requester.Account, request.ClientOrderId, from, EventType.Accepted, out _);
            status = placeReject == RejectCode.None ? PlaceStatus.Accepted : PlaceStatus.Rejected;
        }

        Reply(requester, time, new CancelReplaced
        {
            Market = request.Market,
            CancelledClientOrderId = request.CancelClientOrderId,
            CancelReject = cancelReject,
            CancelledQuantity = cancelled,
            ClientOrderId = request.ClientOrderId,
            PlaceStatus = status,
            PlaceReject = placeReject,
        });
        RouteEvents(requester, requester.RequestId, time);
    }

    /// <summary>Places each order in turn (a later one may trade against an earlier one's effect on balances, never its own).</summary>
    private void ExecuteBatchPlace(in BatchPlace request, Requester requester, long time)
    {
        PlaceOrder[] orders = request.Orders!;
        var results = new BatchPlaceResult[orders.Length];
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
