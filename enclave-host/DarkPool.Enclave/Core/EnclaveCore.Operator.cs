using System.Buffers.Binary;
using DarkPool.Engine;
using DarkPool.Protocol.Accounts;
using DarkPool.Protocol.Messages.Responses;

namespace DarkPool.Enclave.Core;

/// <summary>Records that do not come from a trader: configuration, deposits, reference prices, auction and time ticks.</summary>
public sealed partial class EnclaveCore
{
    private void ExecuteOperator(EnclaveRecordKind kind, ReadOnlySpan<byte> p, long time)
    {
        switch (kind)
        {
            case EnclaveRecordKind.CreateMarket when p.Length == MarketDefinition.Size:
                MarketDefinition m = MarketDefinition.Read(p);
                RunEngine(Command.NewMarket(m.Id, m.BaseAsset, m.QuoteAsset, m.TickSize, m.LotSize, m.MakerFeeBps, m.TakerFeeBps, (MarketMode)m.Mode, m.MaxReferenceAge) with
                {
                    Timestamp = time,
                });
                break;
            case EnclaveRecordKind.Deposit when p.Length == AccountAddress.Size + 12:
                var address = AccountAddress.FromBytes(p[..AccountAddress.Size]);
                if (_accounts.TryGetOrAdd(address, _options.Engine.MaxAccounts, out int account))
                {
                    Command deposit = Command.DepositFunds(account, BinaryPrimitives.ReadInt32LittleEndian(p[AccountAddress.Size..]),
                        BinaryPrimitives.ReadInt64LittleEndian(p[(AccountAddress.Size + 4)..]));
                    deposit.Timestamp = time;
                    RunEngine(deposit);
                }

                break;
            case EnclaveRecordKind.Reference when p.Length == 28:
                RunEngine(Command.ReferencePrice(BinaryPrimitives.ReadInt32LittleEndian(p), BinaryPrimitives.ReadInt64LittleEndian(p[4..]),
                    BinaryPrimitives.ReadInt64LittleEndian(p[12..]), BinaryPrimitives.ReadInt64LittleEndian(p[20..]), time));
                break;
            case EnclaveRecordKind.Auction when p.Length == 4:
                RunEngine(Command.RunAuction(BinaryPrimitives.ReadInt32LittleEndian(p), time));
                break;
            case EnclaveRecordKind.Disconnect when p.Length == DarkPool.Protocol.SessionId.Size:
                CancelOnDisconnect(DarkPool.Protocol.SessionId.FromBytes(p), time);
                break;
            case EnclaveRecordKind.Tick when p.Length == 0:
                _sessions.ForgetClosed(time);
                FireDueSwitches(time);
                break;
            default:
                if (!TryExecuteSettlement(kind, p, time))
                {
                    throw new InvalidDataException($"A journaled {kind} record has the wrong length.");
                }

                break;
        }
    }

    /// <summary>Runs an engine command that no session asked for and routes its events to the accounts concerned.</summary>
    private void RunEngine(in Command command)
    {
        _events.Clear();
        _engine.Execute(command);
        RouteEvents(requester: null, clientRequestId: 0, command.Timestamp);
    }

    /// <summary>
    /// The host saw a session's connection drop. A session that chose cancel-on-disconnect has its account's resting
    /// orders cancelled (in every market; orders belong to accounts, not sessions: docs/PROTOCOL.md). The session itself
    /// stays open so that the client can reconnect and resume its stream; an unknown or closed session is a no-op.
    /// </summary>
    private void CancelOnDisconnect(DarkPool.Protocol.SessionId session, long time)
    {
        if (!_sessions.TryGetSession(session, out Sessions.SessionInfo info) || !info.IsOpen
            || (info.Flags & DarkPool.Protocol.Handshake.SessionFlags.CancelOnDisconnect) == 0
            || !_accounts.TryGet(info.Account, out int account))
        {
            return;
        }

        MassCancelAccount(account, time, DarkPool.Protocol.Messages.CancelCode.Disconnect);
    }

    /// <summary>A deposit shows up on the account's sessions as its new balance.</summary>
    private void SendBalance(int account, int asset, long time)
    {
        var body = new BalanceChanged { Asset = asset, Available = _engine.GetAvailable(account, asset), Held = _engine.GetHeld(account, asset) };
        SendToAccount(account, requester: null, 0, time, body);
    }
}
