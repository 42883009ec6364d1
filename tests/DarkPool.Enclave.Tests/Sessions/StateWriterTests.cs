using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using DarkPool.Enclave.Sessions.Internal;

namespace DarkPool.Enclave.Tests.Sessions;

/// <summary>
/// The session table's state writer stages fields in blocks: the bytes and the hash must be exactly those of writing
/// each field straight out, wherever the fields fall against the block's edges.
/// </summary>
public sealed class StateWriterTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Fields_AcrossBlockEdges_GiveTheBytesAndHashOfTheFieldsInOrder(int seed)
    {
        var random = new Random(seed);
        var expected = new List<byte>();
        var output = new ArrayBufferWriter<byte>();
        long hash;
        using (var writer = new StateWriter(output))
        {
            for (int i = 0; i < 20_000; i++)
            {
                switch (random.Next(6))
                {
                    case 0:
                        byte u8 = (byte)random.Next(256);
                        writer.U8(u8);
                        expected.Add(u8);
                        break;
                    case 1:
                        ushort u16 = (ushort)random.Next(65_536);
                        writer.U16(u16);
                        expected.AddRange(Le(2, u16));
                        break;
                    case 2:
                        uint u32 = (uint)random.NextInt64();
                        writer.U32(u32);
                        expected.AddRange(Le(4, u32));
                        break;
                    case 3:
                        ulong u64 = (ulong)random.NextInt64(long.MinValue, long.MaxValue);
                        writer.U64(u64);
                        expected.AddRange(Le(8, u64));
                        break;
                    case 4:
                        long i64 = random.NextInt64(long.MinValue, long.MaxValue);
                        writer.I64(i64);
                        expected.AddRange(Le(8, (ulong)i64));
                        break;
                    default:
                        // Mostly short runs, now and then one longer than a block (written past the staging block).
                        byte[] bytes = new byte[random.Next(20) == 0 ? random.Next(16_000, 40_000) : random.Next(0, 300)];
                        random.NextBytes(bytes);
                        writer.Bytes(bytes);
                        expected.AddRange(bytes);
                        break;
                }
            }

            hash = writer.Hash();
        }

        byte[] all = [.. expected];
        Assert.True(all.Length > 4 * 16 * 1024, "the stream must cross several blocks");
        Assert.Equal(all, output.WrittenSpan.ToArray());
        Assert.Equal(BinaryPrimitives.ReadInt64LittleEndian(SHA256.HashData(all)), hash);
    }

    [Fact]
    public void Hash_WithoutOutput_IsTheHashOfTheSameFields()
    {
        var output = new ArrayBufferWriter<byte>();
        long withOutput;
        long without;
        using (var a = new StateWriter(output))
        {
            Write(a);
            withOutput = a.Hash();
        }

        using (var b = new StateWriter(null))
        {
            Write(b);
            without = b.Hash();
        }

        Assert.Equal(withOutput, without);
        Assert.Equal(BinaryPrimitives.ReadInt64LittleEndian(SHA256.HashData(output.WrittenSpan)), without);

        static void Write(StateWriter w)
        {
            for (uint i = 0; i < 10_000; i++)
            {
                w.U32(i);
                w.U8((byte)i);
            }
        }
    }

    [Fact]
    public void Hash_FlushesWhatIsStaged_BeforeTheCallerWritesAfterIt()
    {
        var output = new ArrayBufferWriter<byte>();
        using var writer = new StateWriter(output);
        writer.U32(0xA1B2C3D4);
        _ = writer.Hash();
        output.Write(new byte[] { 0xEE });
        Assert.Equal(new byte[] { 0xD4, 0xC3, 0xB2, 0xA1, 0xEE }, output.WrittenSpan.ToArray());
    }

    [Fact]
    public void AfterDispose_WritingThrows()
    {
        var writer = new StateWriter(new ArrayBufferWriter<byte>());
        writer.Dispose();
        writer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => writer.U8(1));
    }

    private static byte[] Le(int size, ulong value)
    {
        byte[] bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return bytes[..size];
    }
}
