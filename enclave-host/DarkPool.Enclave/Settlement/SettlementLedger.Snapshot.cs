using System.Buffers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using DarkPool.Chain;
using DarkPool.Chain.Batches;
using DarkPool.Chain.Entries;
using DarkPool.Enclave.Serialization;

namespace DarkPool.Enclave.Settlement;

/// <summary>The ledger in the enclave snapshot (docs/STORAGE.md, "Enclave state": the settlement part), and its state hash.</summary>
internal sealed partial class SettlementLedger
{
    private const int Version = 1;

    /// <summary>Writes the whole ledger, little-endian, in a fixed order (dictionaries sorted), so equal states write equal bytes.</summary>
    public byte[] ToBytes()
    {
        var output = new ArrayBufferWriter<byte>();
        WriteTo(output);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>
    /// <see cref="ToBytes"/>'s bytes, straight into <paramref name="output"/> (the enclave snapshot's buffer): no stream
    /// grown by doubling and copied out at the end, which were state-sized large-object arrays inside the snapshot's
    /// pause of intake. The encoding is <see cref="BinaryWriter"/>'s, field for field.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // inside the sequencer's snapshot pause: no tier-0 code there
    public void WriteTo(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        {
            using var w = new LedgerWriter(output);
            w.Write(Version);
            w.Write(_confirmations);
            w.Write(_maxFills);
            w.Write(_intervalMs);
            w.Write(_tokens.Count);
            foreach ((int asset, EthAddress token) in _tokens.OrderBy(p => p.Key))
            {
                w.Write(asset);
                w.Write(token.ToArray());
            }

            w.Write(_keys.Count);
            foreach (KeyValuePair<EthAddress, byte[]> pair in ByAddress(_keys))
            {
                w.Write(pair.Key.ToArray());
                w.Write(pair.Value);
            }

            // Emptied lists kept for reuse are not pending: left out, so the bytes are as if they did not exist.
            List<KeyValuePair<EthAddress, List<EntryItem>>> pending = [.. ByAddress(_pending.Where(p => p.Value.Count > 0))];
            w.Write(pending.Count);
            foreach (KeyValuePair<EthAddress, List<EntryItem>> pair in pending)
            {
                w.Write(pair.Key.ToArray());
                w.Write(pair.Value.Count);
                foreach (EntryItem item in pair.Value)
                {
                    WriteItem(w, item);
                }
            }
            w.Write(_withdrawals.Count);
            foreach (Withdrawal withdrawal in _withdrawals)
            {
                w.Write(withdrawal.Token.ToArray());
                w.Write(withdrawal.Recipient.ToArray());
                w.Write((long)withdrawal.Amount);
            }

            w.Write(_credited.Index);
            w.Write(_credited.RunningHash.ToArray());
            w.Write(_cursorAtLastCut);
            w.Write(_pendingFills);
            w.Write(_lastCut);
            w.Write(_nextSequence);
            w.Write(_lastSigned);
            w.Write(_confirmed);
            w.Write(_batches.Count);
            foreach (CutBatch batch in _batches.Values)
            {
                w.Write(batch.Sequence);
                w.Write(batch.DepositCursor.Index);
                w.Write(batch.DepositCursor.RunningHash.ToArray());
                w.Write(batch.Fills);
                w.Write(batch.Withdrawals.Count);
                foreach (Withdrawal withdrawal in batch.Withdrawals)
                {
                    w.Write(withdrawal.Token.ToArray());
                    w.Write(withdrawal.Recipient.ToArray());
                    w.Write((long)withdrawal.Amount);
                }

                w.Write(batch.Entries.Count);
                foreach (CutEntry entry in batch.Entries)
                {
                    w.Write(entry.Account.ToArray());
                    w.Write(entry.PublicKey);
                    w.Write(entry.Plaintext.Length);
                    w.Write(entry.Plaintext);
                }
            }

            w.Write(_signatures.Count);
            foreach ((ulong sequence, BatchSignature signature) in _signatures)
            {
                w.Write(sequence);
                w.Write(signature.BatchHash.ToArray());
                w.Write(signature.JournalHead.ToArray());
            }

            w.Flush();
        }
    }

    /// <summary>
    /// Runs <see cref="WriteTo"/> once on a scratch ledger holding a key and a pending fill for two accounts, so that the
    /// code it reaches only when the ledger holds entries (the address ordering: the generic sort, each address's
    /// checksummed text and its Keccak) is compiled before the first snapshot under load rather than inside its pause
    /// (measured: 6.8 ms of a first 17.6 ms pause in the market-maker load, docs/PERFORMANCE.md).
    /// </summary>
    internal static void PrepareSnapshotCode()
    {
        var scratch = new SettlementLedger();
        Span<byte> address = stackalloc byte[EthAddress.Size];
        for (byte i = 1; i <= 2; i++)
        {
            address.Fill(i);
            EthAddress account = EthAddress.FromBytes(address);
            scratch._keys[account] = new byte[33];
            scratch._pending[account] = [EntryItem.Fill(1, 0, 0, 1, 1, 0, 1)];
        }

        scratch.WriteTo(new ArrayBufferWriter<byte>());
    }

    /// <summary>Restores a ledger written by <see cref="ToBytes"/>; null when the bytes are not one (truncated, damaged, trailing bytes).</summary>
    public static SettlementLedger? TryRead(ReadOnlySpan<byte> bytes)
    {
        var ledger = new SettlementLedger();
        using var stream = new MemoryStream(bytes.ToArray(), writable: false);
        using var r = new BinaryReader(stream);
        try
        {
            if (r.ReadInt32() != Version)
            {
                return null;
            }

            (ledger._confirmations, ledger._maxFills, ledger._intervalMs) = (r.ReadUInt64(), r.ReadInt32(), r.ReadInt64());
            for (int i = Count(r, 4 + 20); i > 0; i--)
            {
                ledger.MapAsset(r.ReadInt32(), Address(r));
            }

            for (int i = Count(r, 20 + 65); i > 0; i--)
            {
                EthAddress keyed = Address(r);
                ledger._keys.Add(keyed, r.ReadBytes(65));
                _ = ledger.TextOf(keyed);
            }

            for (int i = Count(r, 24); i > 0; i--)
            {
                EthAddress account = Address(r);
                var items = new List<EntryItem>();
                for (int j = Count(r, 39); j > 0; j--)
                {
                    items.Add(ReadItem(r));
                }

                ledger._pending.Add(account, items);
                _ = ledger.TextOf(account);
                ledger._pendingItems += items.Count;
            }

            for (int i = Count(r, 48); i > 0; i--)
            {
                ledger._withdrawals.Add(new Withdrawal(Address(r), Address(r), r.ReadInt64()));
            }

            ledger._credited = new DepositCursor(r.ReadUInt64(), Hash(r));
            (ledger._cursorAtLastCut, ledger._pendingFills, ledger._lastCut) = (r.ReadUInt64(), r.ReadInt32(), r.ReadInt64());
            (ledger._nextSequence, ledger._lastSigned, ledger._confirmed) = (r.ReadUInt64(), r.ReadUInt64(), r.ReadUInt64());
            for (int i = Count(r, 56); i > 0; i--)
            {
                ulong sequence = r.ReadUInt64();
                var cursor = new DepositCursor(r.ReadUInt64(), Hash(r));
                int fills = r.ReadInt32();
                var withdrawals = new List<Withdrawal>();
                for (int j = Count(r, 48); j > 0; j--)
                {
                    withdrawals.Add(new Withdrawal(Address(r), Address(r), r.ReadInt64()));
                }

                var entries = new List<CutEntry>();
                for (int j = Count(r, 89); j > 0; j--)
                {
                    EthAddress account = Address(r);
                    byte[] key = r.ReadBytes(65);
                    int length = r.ReadInt32();
                    if (length < 0 || length > stream.Length - stream.Position)
                    {
                        return null;
                    }

                    entries.Add(new CutEntry(account, key, r.ReadBytes(length)));
                }

                ledger._batches.Add(sequence, new CutBatch(sequence, cursor, withdrawals, entries, fills));
            }

            for (int i = Count(r, 72); i > 0; i--)
            {
                ledger._signatures.Add(r.ReadUInt64(), new BatchSignature(Hash(r), Hash(r)));
            }

            return stream.Position == stream.Length ? ledger : null;
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException or InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>A hash of the whole ledger, for the enclave state hash.</summary>
    public ulong ComputeHash() => BitConverter.ToUInt64(SHA256.HashData(ToBytes()));

    /// <summary>A map's entries in the snapshot's order: by the address's text, ordinal.</summary>
    private IEnumerable<KeyValuePair<EthAddress, T>> ByAddress<T>(IEnumerable<KeyValuePair<EthAddress, T>> map) =>
        map.OrderBy(p => SortKeyOf(p.Key), StringComparer.Ordinal);

    /// <summary>
    /// An address's EIP-55 text, the snapshot's sort key, computed once per address (a Keccak-256 each), when the
    /// address first gets a key or a pending item, so that a snapshot's pause only looks it up. Sequencer thread only.
    /// </summary>
    private string TextOf(EthAddress address)
    {
        if (!_addressText.TryGetValue(address, out string? text))
        {
            text = address.ToString();
            _addressText.Add(address, text);
        }

        return text;
    }

    /// <summary>The kept text, or the text computed and not kept (the writers only read the cache; they may run on another thread one day).</summary>
    private string SortKeyOf(EthAddress address) => _addressText.TryGetValue(address, out string? text) ? text : address.ToString();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteItem(LedgerWriter w, in EntryItem item)
    {
        w.Write((byte)item.Kind);
        w.Write(item.MarketOrAsset);
        w.Write(item.Side);
        w.Write(item.Liquidity);
        w.Write(item.Price);
        w.Write(item.Quantity);
        w.Write(item.Fee);
        w.Write(item.Id);
    }

    private static EntryItem ReadItem(BinaryReader r)
    {
        var kind = (EntryItemKind)r.ReadByte();
        if (!Enum.IsDefined(kind))
        {
            throw new InvalidDataException("unknown entry item");
        }

        return new EntryItem(kind, r.ReadInt32(), r.ReadByte(), r.ReadByte(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadUInt64());
    }

    private static int Count(BinaryReader r, int minimumSize)
    {
        int count = r.ReadInt32();
        if (count < 0 || (long)count * minimumSize > r.BaseStream.Length - r.BaseStream.Position)
        {
            throw new InvalidDataException("count beyond the bytes left");
        }

        return count;
    }

    private static EthAddress Address(BinaryReader r) => EthAddress.FromBytes(r.ReadBytes(EthAddress.Size));

    private static Hash32 Hash(BinaryReader r) => Hash32.FromBytes(r.ReadBytes(Hash32.Size));

    /// <summary>
    /// <see cref="BinaryWriter"/>'s little-endian encoding of the integer types, bool and raw bytes, into a buffer writer.
    /// Every integer type has its own overload (sbyte and char too), so a call binds to the same width it would with
    /// <see cref="BinaryWriter"/>; the types it lacks (floating point, strings) do not compile rather than change width.
    /// </summary>
    private sealed class LedgerWriter(IBufferWriter<byte> output) : StagedWriter(output)
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Write(bool value) => U8(value ? (byte)1 : (byte)0);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Write(byte value) => U8(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Write(sbyte value) => U8((byte)value);

        /// <summary>As <see cref="BinaryWriter.Write(char)"/> would for an ASCII char; others are refused.</summary>
        public void Write(char value) => U8(value < 0x80 ? (byte)value : throw new ArgumentOutOfRangeException(nameof(value), "Only ASCII chars are written."));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Write(short value) => U16((ushort)value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Write(ushort value) => U16(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Write(int value) => U32((uint)value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Write(uint value) => U32(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Write(long value) => U64((ulong)value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Write(ulong value) => U64(value);

        /// <summary>The bytes as they are, no length (as <see cref="BinaryWriter.Write(byte[])"/>).</summary>
        public void Write(byte[] bytes)
        {
            ArgumentNullException.ThrowIfNull(bytes);
            Bytes(bytes);
        }
    }
}
