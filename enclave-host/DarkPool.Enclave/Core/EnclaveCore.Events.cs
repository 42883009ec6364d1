using DarkPool.Engine;
using DarkPool.Protocol;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Responses;

namespace DarkPool.Enclave.Core;

/// <summary>Engine events, turned into sealed answers for the sessions of the accounts they concern, and nobody else.</summary>
public sealed partial class EnclaveCore
{
    void IEventSink.OnEvent(in EngineEvent e) => _events.Add(e);

    void IEventSink.OnBook(int market, ReadOnlySpan<BookLevel> bids, ReadOnlySpan<BookLevel> asks)
    {
        // Book queries are never issued from a session: the book's depth is nobody's to see.
    }

    /// <summary>
    /// Seals every collected engine event to the sessions it concerns. With <paramref name="acknowledged"/> (a mass
    /// quote, whose summary already told the requesting session each half's outcome) the requester's own accepted,
    /// rejected and user-cancelled acknowledgements go only to the account's other sessions.
    /// </summary>
    private void RouteEvents(Requester? requester, ulong clientRequestId, long time, bool acknowledged = false)
    {
        foreach (EngineEvent e in _events)
        {
            switch (e.Type)
            {
                case EventType.Accepted:
                    SendToAccount(e.Account, requester, clientRequestId, time, new OrderAccepted { Market = e.Market, ClientOrderId = e.OrderId }, acknowledged);
                    break;
                case EventType.Rejected:
                    RejectCode reason = Enum.IsDefined((RejectCode)e.RejectReason) ? (RejectCode)e.RejectReason : RejectCode.InvalidCommand;
                    SendToAccount(e.Account, requester, clientRequestId, time,
                        new RequestRejected { Reason = reason, Market = e.Market, ClientOrderId = e.OrderId }, acknowledged);
                    break;
                case EventType.Trade:
                    SettleTrade(e);
                    (FillEntry taker, FillEntry maker) = FillsOf(e, time);
                    RecordFill(e.Account, taker);
                    RecordFill(e.MakerAccount, maker);
                    SendToAccount(e.Account, requester, clientRequestId, time, Filled(taker));
                    SendToAccount(e.MakerAccount, requester, clientRequestId, time, Filled(maker));
                    break;
                case EventType.Cancelled:
                    SendToAccount(e.Account, requester, clientRequestId, time,
                        new OrderCancelled
                        {
                            Market = e.Market, ClientOrderId = e.OrderId, Quantity = e.Quantity,
                            Reason = e.CancelReason == CancelReason.Mass ? _massCancelCode : CancelCodeOf(e.CancelReason),
                        },
                        acknowledged && e.CancelReason == CancelReason.User);
                    break;
                case EventType.Amended:
                    SendToAccount(e.Account, requester, clientRequestId, time,
                        new OrderAmended { Market = e.Market, ClientOrderId = e.OrderId, Price = e.Price, Quantity = e.Quantity });
                    break;
                case EventType.Reduced:
                    SendToAccount(e.Account, requester, clientRequestId, time,
                        new OrderReduced { Market = e.Market, ClientOrderId = e.OrderId, ReducedBy = e.Quantity, Remaining = e.Remaining });
                    break;
                case EventType.MassCancelled:
                    SendToAccount(e.Account, requester, clientRequestId, time,
                        new MassCancelled { Market = e.Market < 0 ? null : e.Market, Count = e.Quantity });
                    break;
                case EventType.Withdrawn:
                    SettleWithdrawal(e);
                    SendToAccount(e.Account, requester, clientRequestId, time, new WithdrawalAccepted { Asset = e.Asset, Amount = e.Amount });
                    break;
                case EventType.Deposited:
                    SendBalance(e.Account, e.Asset, time);
                    break;
                default:
                    // Markets created, reference prices, uncross summaries, balance answers: operator-side, not for traders.
                    break;
            }
        }

        _events.Clear();
    }

    private static CancelCode CancelCodeOf(CancelReason reason) => reason switch
    {
        CancelReason.User => CancelCode.User,
        CancelReason.Stp => CancelCode.SelfTrade,
        CancelReason.Mass => CancelCode.MassCancel,
        _ => CancelCode.Unfilled,
    };

    /// <summary>Answers the requesting session only (queries).</summary>
    private void Reply<T>(Requester requester, long time, in T body)
        where T : struct, IResponseBody<T> => Seal(requester.Session, requester.RequestId, time, body);

    /// <summary>
    /// Sends to every open session of an account; the requesting session gets it as the request's answer, or not at all
    /// when <paramref name="requesterAcknowledged"/> (its summary already carried it).
    /// </summary>
    private void SendToAccount<T>(int account, Requester? requester, ulong clientRequestId, long time, in T body, bool requesterAcknowledged = false)
        where T : struct, IResponseBody<T>
    {
        if (!_sessionsByAccount.TryGetValue(account, out List<SessionId>? sessions))
        {
            return;
        }

        foreach (SessionId session in sessions)
        {
            bool asked = requester is { } r && r.Session == session;
            if (asked && requesterAcknowledged)
            {
                continue;
            }

            Seal(session, asked ? clientRequestId : 0, time, body);
        }
    }

    private void Seal<T>(SessionId session, ulong clientRequestId, long time, in T body)
        where T : struct, IResponseBody<T>
    {
        if (_sessions.TrySealResponse(session, clientRequestId, time, body, _sealed, out int written, out _))
        {
            _output.OnEnvelope(session, _sealed.AsSpan(0, written));
        }
    }
}
