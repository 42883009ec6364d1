using System.Buffers.Binary;

namespace DarkPool.Chain.Entries;

/// <summary>
/// One account's part of a settlement batch, before encryption (docs/SETTLEMENT.md, "Entries"). Big-endian:
/// <code>
/// version 1 (1) | account (20) | batch sequence (8) | item count (2) | items | zero padding to a multiple of 256
/// item: kind (1) | fields
///   Fill        market i32 | side u8 | liquidity u8 | price i64 | quantity i64 | fee i64 | client order id u64   (38)
///   Deposit     deposit index u64 | asset i32 | amount i64                                              (20)
///   Withdrawal  asset i32 | amount i64                                                                  (12)
///   Balance     asset i32 | available i64 | held i64                                                    (20)
/// </code>
/// </summary>
/// <param name="Account">the account (its Ethereum address)</param>
/// <param name="Sequence">the batch</param>
/// <param name="Items">what happened to the account since the previous batch, in order, then its balances</param>
public sealed record SettlementEntry(EthAddress Account, ulong Sequence, IReadOnlyList<EntryItem> Items)
{
    /// <summary>Plaintexts are padded to a multiple of this many bytes, so that sizes say little about activity.</summary>
    public const int PaddingBlock = 256;

    /// <summary>Items in one entry at most.</summary>
    public const int MaxItems = ushort.MaxValue;

    private const int HeaderSize = 1 + EthAddress.Size + 8 + 2;

    /// <summary>The padded plaintext.</summary>
    public byte[] Encode()
    {
        if (Items.Count > MaxItems)
        {
            throw new InvalidOperationException($"An entry holds at most {MaxItems} items.");
        }

        int length = HeaderSize + Items.Sum(i => 1 + SizeOf(i.Kind));
        byte[] bytes = new byte[(length + PaddingBlock - 1) / PaddingBlock * PaddingBlock];
        Span<byte> s = bytes;
        s[0] = 1;
        Account.WriteTo(s[1..]);
        BinaryPrimitives.WriteUInt64BigEndian(s[21..], Sequence);
        BinaryPrimitives.WriteUInt16BigEndian(s[29..], (ushort)Items.Count);
        int at = HeaderSize;
        foreach (EntryItem item in Items)
        {
            s[at++] = (byte)item.Kind;
            Span<byte> f = s[at..];
            switch (item.Kind)
            {
                case EntryItemKind.Fill:
                    BinaryPrimitives.WriteInt32BigEndian(f, item.MarketOrAsset);
                    f[4] = item.Side;
                    f[5] = item.Liquidity;
                    BinaryPrimitives.WriteInt64BigEndian(f[6..], item.Price);
                    BinaryPrimitives.WriteInt64BigEndian(f[14..], item.Quantity);
                    BinaryPrimitives.WriteInt64BigEndian(f[22..], item.Fee);
                    BinaryPrimitives.WriteUInt64BigEndian(f[30..], item.Id);
                    break;
                case EntryItemKind.Deposit:
                    BinaryPrimitives.WriteUInt64BigEndian(f, item.Id);
                    BinaryPrimitives.WriteInt32BigEndian(f[8..], item.MarketOrAsset);
                    BinaryPrimitives.WriteInt64BigEndian(f[12..], item.Quantity);
                    break;
                case EntryItemKind.Withdrawal:
                    BinaryPrimitives.WriteInt32BigEndian(f, item.MarketOrAsset);
                    BinaryPrimitives.WriteInt64BigEndian(f[4..], item.Quantity);
                    break;
                case EntryItemKind.Balance:
                    BinaryPrimitives.WriteInt32BigEndian(f, item.MarketOrAsset);
                    BinaryPrimitives.WriteInt64BigEndian(f[4..], item.Quantity);
                    BinaryPrimitives.WriteInt64BigEndian(f[12..], item.Fee);
                    break;
                default:
                    throw new InvalidOperationException($"Unknown entry item kind {item.Kind}.");
            }

            at += SizeOf(item.Kind);
        }

        return bytes;
    }

    /// <summary>Parses a padded plaintext; false when it is not one (wrong version, truncated, unknown item, non-zero padding).</summary>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SettlementEntry? entry)
    {
        entry = null;
        if (bytes.Length < HeaderSize || bytes[0] != 1 || bytes.Length % PaddingBlock != 0)
        {
            return false;
        }

        var account = EthAddress.FromBytes(bytes.Slice(1, EthAddress.Size));
        ulong sequence = BinaryPrimitives.ReadUInt64BigEndian(bytes[21..]);
        int count = BinaryPrimitives.ReadUInt16BigEndian(bytes[29..]);
        var items = new List<EntryItem>(count);
        int at = HeaderSize;
        for (int i = 0; i < count; i++)
        {
            if (at >= bytes.Length)
            {
                return false;
            }

            var kind = (EntryItemKind)bytes[at++];
            int size = SizeOf(kind);
            if (size == 0 || at + size > bytes.Length)
            {
                return false;
            }

            ReadOnlySpan<byte> f = bytes.Slice(at, size);
            items.Add(kind switch
            {
                EntryItemKind.Fill => EntryItem.Fill(BinaryPrimitives.ReadInt32BigEndian(f), f[4], f[5], BinaryPrimitives.ReadInt64BigEndian(f[6..]),
                    BinaryPrimitives.ReadInt64BigEndian(f[14..]), BinaryPrimitives.ReadInt64BigEndian(f[22..]), BinaryPrimitives.ReadUInt64BigEndian(f[30..])),
                EntryItemKind.Deposit => EntryItem.Deposit(BinaryPrimitives.ReadUInt64BigEndian(f), BinaryPrimitives.ReadInt32BigEndian(f[8..]),
                    BinaryPrimitives.ReadInt64BigEndian(f[12..])),
                EntryItemKind.Withdrawal => EntryItem.Withdrawal(BinaryPrimitives.ReadInt32BigEndian(f), BinaryPrimitives.ReadInt64BigEndian(f[4..])),
                _ => EntryItem.Balance(BinaryPrimitives.ReadInt32BigEndian(f), BinaryPrimitives.ReadInt64BigEndian(f[4..]), BinaryPrimitives.ReadInt64BigEndian(f[12..])),
            });
            at += size;
        }

        if (bytes[at..].ContainsAnyExcept((byte)0))
        {
            return false;
        }

        entry = new SettlementEntry(account, sequence, items);
        return true;
    }

    private static int SizeOf(EntryItemKind kind) => kind switch
    {
        EntryItemKind.Fill => 38,
        EntryItemKind.Deposit => 20,
        EntryItemKind.Withdrawal => 12,
        EntryItemKind.Balance => 20,
        _ => 0,
    };
}
