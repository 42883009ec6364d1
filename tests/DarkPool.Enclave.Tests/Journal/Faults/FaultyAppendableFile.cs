using DarkPool.Enclave.Storage;

namespace DarkPool.Enclave.Tests.Journal.Faults;

internal sealed class FaultyAppendableFile(FaultyFolder folder, Inode inode) : IAppendableFile
{
    public long Length => folder.LengthOf(inode);

    public void Append(ReadOnlySpan<byte> data) => folder.Append(inode, data);

    public void Flush() => folder.Flush(inode);

    public void Dispose()
    {
    }
}
