using System.Buffers.Binary;
using DarkPool.Chain;
using DarkPool.Chain.Entries;
using DarkPool.Enclave.Settlement;
using DarkPool.Engine;
using DarkPool.Protocol.Accounts;

namespace DarkPool.Enclave.Core;

/// <summary>
/// Settlement records and the settlement ledger (docs/SETTLEMENT.md, "The enclave side"): chain deposits credited in
/// deposit order after confirmations, fills and withdrawals collected per account, batches cut by the journaled
/// timer. Encryption and signing happen off the sequencer thread (<see cref="SettlementSigner"/>).
/// </summary>
public sealed partial class EnclaveCore
{
    private SettlementLedger _settlement = new();

    /// <summary>The settlement ledger (its published members are safe to read from any thread).</summary>
    internal SettlementLedger SettlementState => _settlement;

    /// <summary>Executes a settlement record; false when <paramref name="kind"/> is not one or has the wrong length.</summary>
    private bool TryExecuteSettlement(EnclaveRecordKind kind, ReadOnlySpan<byte> p, long time)
    {
        if (!SettlementRecords.IsWellFormed(kind, p.Length))
        {
            return false;
        }

        switch (kind)
        {
            case EnclaveRecordKind.ChainConfig:
                _settlement.Configure(BinaryPrimitives.ReadUInt64LittleEndian(p), BinaryPrimitives.ReadInt32LittleEndian(p[8..]), BinaryPrimitives.ReadInt64LittleEndian(p[12..]));
                break;
            case EnclaveRecordKind.ChainAsset:
                _settlement.MapAsset(BinaryPrimitives.ReadInt32LittleEndian(p), EthAddress.FromBytes(p.Slice(4, EthAddress.Size)));
                break;
            case EnclaveRecordKind.AccountKey:
                if (p[0] == 0x04)
                {
                    _settlement.SetKey(ToEth(AccountAddress.FromPublicKey(p)), p.ToArray());
                }

                break;
            case EnclaveRecordKind.ChainDeposit:
                CreditChainDeposit(SettlementRecords.ReadDeposit(p), time);
                break;
            case EnclaveRecordKind.SettlementCut:
                _ = _settlement.TryCut(time, (account, asset) =>
                    _accounts.TryGet(ToAccount(account), out int id) ? (_engine.GetAvailable(id, asset), _engine.GetHeld(id, asset)) : (0, 0));
                break;
            case EnclaveRecordKind.BatchSigned:
                _settlement.OnSigned(BinaryPrimitives.ReadUInt64LittleEndian(p), new BatchSignature(Hash32.FromBytes(p.Slice(8, 32)), Hash32.FromBytes(p.Slice(40, 32))));
                break;
            case EnclaveRecordKind.BatchConfirmed:
                _settlement.OnConfirmed(BinaryPrimitives.ReadUInt64LittleEndian(p));
                break;
        }

        return true;
    }

    private void CreditChainDeposit(DepositRecord deposit, long time)
    {
        int asset = _settlement.TryAdvanceDeposit(deposit, out long amount);
        if (asset > 0 && _accounts.TryGetOrAdd(ToAccount(deposit.Account), _options.Engine.MaxAccounts, out int account))
        {
            Command credit = Command.DepositFunds(account, asset, amount);
            credit.Timestamp = time;
            RunEngine(credit);
        }
    }

    /// <summary>A trade: a fill item in each side's next settlement entry.</summary>
    private void SettleTrade(in EngineEvent e)
    {
        byte liquidity = e.Command == CommandType.Auction ? (byte)3 : (byte)2;
        byte takerSide = e.Side == Side.Buy ? (byte)1 : (byte)2;
        _settlement.OnFill(ToEth(_accounts.AddressOf(e.Account)),
            EntryItem.Fill(e.Market, takerSide, liquidity, e.Price, e.Quantity, e.TakerFee, (ulong)e.OrderId));
        _settlement.OnFill(ToEth(_accounts.AddressOf(e.MakerAccount)),
            EntryItem.Fill(e.Market, (byte)(3 - takerSide), liquidity == 3 ? (byte)3 : (byte)1, e.Price, e.Quantity, e.MakerFee, (ulong)e.MakerOrderId));
    }

    /// <summary>A withdrawal the engine debited: paid on chain by the next batch.</summary>
    private void SettleWithdrawal(in EngineEvent e) => _settlement.OnWithdrawn(ToEth(_accounts.AddressOf(e.Account)), e.Asset, e.Amount);

    private static EthAddress ToEth(AccountAddress address)
    {
        Span<byte> bytes = stackalloc byte[AccountAddress.Size];
        address.WriteTo(bytes);
        return EthAddress.FromBytes(bytes);
    }

    private static AccountAddress ToAccount(EthAddress address)
    {
        Span<byte> bytes = stackalloc byte[EthAddress.Size];
        address.WriteTo(bytes);
        return AccountAddress.FromBytes(bytes);
    }
}
