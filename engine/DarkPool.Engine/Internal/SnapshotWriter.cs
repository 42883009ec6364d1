using System.Buffers;
using System.Buffers.Binary;

namespace DarkPool.Engine.Internal;

/// <summary>
/// Little-endian fixed-width fields appended to a buffer writer, the engine snapshot's only encoding,
/// with a running checksum over every field written (the snapshot's last field).
/// </summary>
internal sealed class SnapshotWriter(IBufferWriter<byte> output)
{
    private StateHasher _checksum = new(0x536E617073686F74UL);

    public long Checksum => _checksum.Finish();

    public void Int64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(output.GetSpan(8), value);
        output.Advance(8);
        _checksum.Add(value);
    }

    public void Int32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(output.GetSpan(4), value);
        output.Advance(4);
        _checksum.Add(value);
    }

    public void Byte(byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
        _checksum.Add(value);
    }
}
