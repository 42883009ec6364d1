using L = DarkPool.Enclave.Journal.JournalRecordLayout;

namespace DarkPool.Enclave.Journal.Internal;

/// <summary>
/// What opening one chunk of frames found, per frame: its chain hash and whether it authenticated. Written by the
/// opening threads, read by the replaying thread after it waited for them.
/// </summary>
internal sealed class ChunkResults(int frames)
{
    public byte[] Hashes { get; } = new byte[frames * L.HashSize];

    public bool[] Authentic { get; } = new bool[frames];
}
