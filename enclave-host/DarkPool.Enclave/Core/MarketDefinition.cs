using System.Buffers.Binary;

namespace DarkPool.Enclave.Core;

/// <summary>
/// A market as a <see cref="EnclaveRecordKind.CreateMarket"/> record holds it (docs/STORAGE.md §6, 45 bytes), in plain
/// values: the one reader and writer of that layout, for the enclave and for the host, which may not use engine types.
/// </summary>
/// <param name="Id">Market id.</param>
/// <param name="BaseAsset">Base asset id.</param>
/// <param name="QuoteAsset">Quote asset id.</param>
/// <param name="TickSize">Price step, quote units per lot.</param>
/// <param name="LotSize">Base units per lot.</param>
/// <param name="MakerFeeBps">Maker fee, basis points.</param>
/// <param name="TakerFeeBps">Taker fee, basis points.</param>
/// <param name="Mode">0 continuous, 1 auction (the engine's market mode byte).</param>
/// <param name="MaxReferenceAge">Oldest usable reference price, ms; 0 = no limit.</param>
public readonly record struct MarketDefinition(
    int Id, int BaseAsset, int QuoteAsset, long TickSize, long LotSize, int MakerFeeBps, int TakerFeeBps, byte Mode, long MaxReferenceAge)
{
    /// <summary>The payload's length.</summary>
    public const int Size = 45;

    /// <summary>Reads a CreateMarket payload (<see cref="Size"/> bytes, after the record header).</summary>
    public static MarketDefinition Read(ReadOnlySpan<byte> payload) => new(
        BinaryPrimitives.ReadInt32LittleEndian(payload),
        BinaryPrimitives.ReadInt32LittleEndian(payload[4..]),
        BinaryPrimitives.ReadInt32LittleEndian(payload[8..]),
        BinaryPrimitives.ReadInt64LittleEndian(payload[12..]),
        BinaryPrimitives.ReadInt64LittleEndian(payload[20..]),
        BinaryPrimitives.ReadInt32LittleEndian(payload[28..]),
        BinaryPrimitives.ReadInt32LittleEndian(payload[32..]),
        payload[36],
        BinaryPrimitives.ReadInt64LittleEndian(payload[37..]));

    /// <summary>Writes the CreateMarket payload.</summary>
    public void WriteTo(Span<byte> payload)
    {
        BinaryPrimitives.WriteInt32LittleEndian(payload, Id);
        BinaryPrimitives.WriteInt32LittleEndian(payload[4..], BaseAsset);
        BinaryPrimitives.WriteInt32LittleEndian(payload[8..], QuoteAsset);
        BinaryPrimitives.WriteInt64LittleEndian(payload[12..], TickSize);
        BinaryPrimitives.WriteInt64LittleEndian(payload[20..], LotSize);
        BinaryPrimitives.WriteInt32LittleEndian(payload[28..], MakerFeeBps);
        BinaryPrimitives.WriteInt32LittleEndian(payload[32..], TakerFeeBps);
        payload[36] = Mode;
        BinaryPrimitives.WriteInt64LittleEndian(payload[37..], MaxReferenceAge);
    }
}
