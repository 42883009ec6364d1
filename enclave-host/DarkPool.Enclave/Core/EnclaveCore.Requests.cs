using DarkPool.Engine;
using DarkPool.Enclave.Sessions;
using DarkPool.Protocol;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Messages;
using DarkPool.Protocol.Messages.Requests;
using DarkPool.Protocol.Messages.Responses;

namespace DarkPool.Enclave.Core;

/// <summary>Trader requests: opened by the session table, turned into engine commands or queries, answered sealed.</summary>
public sealed partial class EnclaveCore
{
    /// <summary>
    /// A request envelope record: live (<paramref name="live"/>, the whole record, not empty), opened and, once accepted,
    /// rewritten in place as an <see cref="EnclaveRecordKind.OpenedEnvelope"/> record; on replay of an old journal,
    /// opened again (with what <paramref name="prepared"/> holds, when it can be used).
    /// </summary>
    private bool ExecuteEnvelope(ReadOnlySpan<byte> envelope, long time, ReadOnlySpan<byte> prepared, Span<byte> live)
    {
        bool accepted;
        OpenedRequest opened;
        EnvelopeReject reject;
        if (live.IsEmpty)
        {
            accepted = _sessions.TryOpenRequest(envelope, time, prepared, out opened, out reject);
        }
        else
        {
            accepted = _sessions.TryOpenRequestInPlace(live[EnclaveRecords.HeaderSize..], time, out opened, out reject);
            if (accepted)
            {
                live[0] = (byte)EnclaveRecordKind.OpenedEnvelope;
            }
        }

        return ExecuteRequest(accepted, opened, reject, time);
    }

    /// <summary>An <see cref="EnclaveRecordKind.OpenedEnvelope"/> record, from the journal (replay only).</summary>
    private bool ExecuteOpenedEnvelope(ReadOnlySpan<byte> opened, long time) =>
        ExecuteRequest(_sessions.TryApplyOpenedRequest(opened, time, out OpenedRequest request, out EnvelopeReject reject), request, reject, time);

    private bool ExecuteRequest(bool accepted, in OpenedRequest opened, EnvelopeReject reject, long time)
    {
        if (!accepted)
        {
            _output.OnEnvelopeRejected(reject);
            return false;
        }

        _time = time;
        SessionId session = opened.SessionId;
        ulong requestId = opened.Request.ClientRequestId;
        if (opened.Disposition == RequestDisposition.Duplicate)
        {
            // Never a second execution: the first answer, exactly.
            if (_sessions.TrySealOutcome(session, requestId, _sealed, out int written, out _))
            {
                _output.OnEnvelope(session, _sealed.AsSpan(0, written));
            }

            return true;
        }

        if (opened.Disposition != RequestDisposition.New || !_accounts.TryGet(opened.Account, out int account))
        {
            return true;
        }

        var requester = new Requester(session, account, requestId);
        DecodedRequest request = opened.Request;
        FireIfDue(session, account, time);
        switch (request.Kind)
        {
            case RequestKind.PlaceOrder:
                RunRequest(ToCommand(request.Place, account, time), requester);
                break;
            case RequestKind.CancelOrder:
                RunRequest(Stamp(Command.CancelOrder(account, request.Cancel.Market, request.Cancel.ClientOrderId), time), requester);
                break;
            case RequestKind.AmendOrder:
                AmendOrder amend = request.Amend;
                RunRequest(Stamp(Command.AmendOrder(account, amend.Market, amend.ClientOrderId, amend.NewPrice, amend.NewQuantity), time), requester);
                break;
            case RequestKind.MassCancel:
                RunRequest(Stamp(Command.MassCancelOrders(account, request.MassCancel.Market), time), requester);
                break;
            case RequestKind.Withdraw when _settlement.HasTokens && !_settlement.TryGetToken(request.Withdraw.Asset, out _):
                // The chain has no token for it: debiting it would take the funds with nothing ever paid out.
                Reply(requester, time, new RequestRejected { Reason = RejectCode.UnknownAsset });
                break;
            case RequestKind.Withdraw:
                RunRequest(Stamp(Command.WithdrawFunds(account, request.Withdraw.Asset, request.Withdraw.Amount), time), requester);
                break;
            case RequestKind.BalanceQuery:
                Reply(requester, time, BalancePageFrom(account, request.BalanceQuery.Cursor));
                break;
            case RequestKind.OpenOrdersQuery:
                Reply(requester, time, OpenOrdersPageFrom(account, request.OpenOrdersQuery));
                break;
            case RequestKind.FillsQuery:
                ReplyFills(requester, time, request.FillsQuery);
                break;
            case RequestKind.Heartbeat:
                OnHeartbeat(session, request.Heartbeat, time);
                Reply(requester, time, new HeartbeatAck { ClientTime = request.Heartbeat.ClientTime });
                break;
            case RequestKind.CancelReplace:
                ExecuteCancelReplace(request.CancelReplace, requester, time);
                break;
            case RequestKind.BatchPlace:
                ExecuteBatchPlace(request.BatchPlace, requester, time);
                break;
            case RequestKind.BatchCancelReplace:
                ExecuteBatchCancelReplace(request.BatchCancelReplace, requester, time);
                break;
            case RequestKind.CloseSession:
                Reply(requester, time, new SessionClosed());
                if (_sessions.TryClose(session, time, out _) && _sessionsByAccount.TryGetValue(account, out List<SessionId>? sessions))
                {
                    sessions.Remove(session);
                }

                break;
            default:
                Reply(requester, time, new RequestRejected { Reason = RejectCode.InvalidCommand });
                break;
        }

        return true;
    }

    private static Command ToCommand(in PlaceOrder place, int account, long time)
    {
        var command = new Command
        {
            Type = CommandType.Place,
            Timestamp = time,
            Account = account,
            Market = place.Market,
            OrderId = place.ClientOrderId,
            Side = (Side)place.Side,
            OrderType = (OrderType)place.Type,
            TimeInForce = (TimeInForce)place.TimeInForce,
            Stp = (StpMode)place.Stp,
            Price = place.Price ?? 0,
            Quantity = place.Quantity,
            Budget = place.Budget ?? 0,
            MinQuantity = place.MinQuantity ?? 0,
        };
        command.Flags = (place.PostOnly ? CommandFlags.PostOnly : 0)
            | (place.Price.HasValue && place.Type == OrderKind.Midpoint ? CommandFlags.HasPrice : 0)
            | (place.Budget.HasValue ? CommandFlags.HasBudget : 0)
            | (place.MinQuantity.HasValue ? CommandFlags.HasMinQuantity : 0);
        return command;
    }

    private static Command Stamp(Command command, long time)
    {
        command.Timestamp = time;
        return command;
    }

    private void RunRequest(in Command command, Requester requester)
    {
        _events.Clear();
        _engine.Execute(command);
        RouteEvents(requester, requester.RequestId, command.Timestamp);
    }

    private BalancePage BalancePageFrom(int account, long cursor)
    {
        var entries = new List<BalanceEntry>(BalancePage.MaxEntries);
        int asset = (int)Math.Clamp(cursor, 0, _options.Engine.MaxAssets);
        for (; asset < _options.Engine.MaxAssets && entries.Count < BalancePage.MaxEntries; asset++)
        {
            long available = _engine.GetAvailable(account, asset);
            long held = _engine.GetHeld(account, asset);
            if ((available | held) != 0)
            {
                entries.Add(new BalanceEntry { Asset = asset, Available = available, Held = held });
            }
        }

        bool more = false;
        for (int next = asset; next < _options.Engine.MaxAssets && !more; next++)
        {
            more = (_engine.GetAvailable(account, next) | _engine.GetHeld(account, next)) != 0;
        }

        return new BalancePage { Entries = [.. entries], NextCursor = more ? asset : 0 };
    }

    private OpenOrdersPage OpenOrdersPageFrom(int account, in OpenOrdersQuery query)
    {
        var all = new OpenOrder[_engine.GetOpenOrders(account, [])];
        _engine.GetOpenOrders(account, all);
        int? market = query.Market;
        OpenOrder[] mine = market is null ? all : Array.FindAll(all, o => o.Market == market.Value);
        int start = (int)Math.Clamp(query.Cursor, 0, mine.Length);
        int count = Math.Min(OpenOrdersPage.MaxEntries, mine.Length - start);
        var entries = new OpenOrderEntry[count];
        for (int i = 0; i < count; i++)
        {
            OpenOrder o = mine[start + i];
            entries[i] = new OpenOrderEntry
            {
                Market = o.Market,
                ClientOrderId = o.OrderId,
                Side = (OrderSide)o.Side,
                Type = o.Pegged ? OrderKind.Midpoint : OrderKind.Limit,
                Price = o.Pegged && o.Price == 0 ? null : o.Price,
                Remaining = o.Remaining,
            };
        }

        return new OpenOrdersPage { Entries = entries, NextCursor = start + count < mine.Length ? start + count : 0 };
    }

    /// <summary>The session and request a command came from: its first answer becomes the request's recorded outcome.</summary>
    private readonly record struct Requester(SessionId Session, int Account, ulong RequestId);
}
