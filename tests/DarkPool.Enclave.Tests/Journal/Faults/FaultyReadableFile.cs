using DarkPool.Enclave.Storage;

namespace DarkPool.Enclave.Tests.Journal.Faults;

internal sealed class FaultyReadableFile(FaultyFolder folder, Inode inode) : IReadableFile
{
    public long Length => folder.LengthOf(inode);

    public int Read(long offset, Span<byte> destination) => folder.Read(inode, offset, destination);

    public void Dispose()
    {
    }
}
