using System.Buffers;
using MessagePack;

namespace DarkPool.Protocol.Tests.Support;

/// <summary>A MessagePackWriter (a ref struct) behind a class, so that tests can build messages in lambdas.</summary>
internal sealed class MessagePackWriterBox(ArrayBufferWriter<byte> output)
{
    private readonly List<Step> _steps = [];

    private delegate void Step(ref MessagePackWriter writer);

    public void WriteArrayHeader(int count) => _steps.Add((ref MessagePackWriter w) => w.WriteArrayHeader(count));

    public void Write(byte value) => _steps.Add((ref MessagePackWriter w) => w.Write(value));

    public void Write(int value) => _steps.Add((ref MessagePackWriter w) => w.Write(value));

    public void Write(long value) => _steps.Add((ref MessagePackWriter w) => w.Write(value));

    public void Write(ulong value) => _steps.Add((ref MessagePackWriter w) => w.Write(value));

    public void Write(bool value) => _steps.Add((ref MessagePackWriter w) => w.Write(value));

    public void Write(string value) => _steps.Add((ref MessagePackWriter w) => w.Write(value));

    public void WriteNil() => _steps.Add((ref MessagePackWriter w) => w.WriteNil());

    public byte[] Finish()
    {
        var writer = new MessagePackWriter(output);
        foreach (Step step in _steps)
        {
            step(ref writer);
        }

        writer.Flush();
        return output.WrittenSpan.ToArray();
    }
}
