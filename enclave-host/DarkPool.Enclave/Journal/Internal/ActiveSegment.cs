using System.Security.Cryptography;
using DarkPool.Attestation.Identity;
using DarkPool.Enclave.Platform;
using DarkPool.Enclave.Sealing;
using DarkPool.Enclave.Storage;

namespace DarkPool.Enclave.Journal.Internal;

/// <summary>The segment records are appended to: its file, its cipher and how much it holds. Appender thread only.</summary>
internal sealed class ActiveSegment : IDisposable
{
    private ActiveSegment(string name, long firstSequence, ulong counter, IAppendableFile file, RecordCipher cipher)
    {
        Name = name;
        FirstSequence = firstSequence;
        Counter = counter;
        File = file;
        Cipher = cipher;
    }

    public string Name { get; }

    public long FirstSequence { get; }

    public ulong Counter { get; }

    public IAppendableFile File { get; }

    public RecordCipher Cipher { get; }

    public long RecordCount { get; set; }

    /// <summary>
    /// Creates the next segment durably and only then moves the monotonic counter to the value it carries: a crash in
    /// between leaves a segment one ahead of the counter, which recovery accepts and catches up (docs/STORAGE.md).
    /// </summary>
    public static ActiveSegment Create(IDataFolder folder, Sealer sealer, IEnclavePlatform platform, UInt128 journalId, long firstSequence, Sha256Hash previousHash)
    {
        ulong counter = checked(platform.ReadMonotonicCounter() + 1);
        byte[] key = RandomNumberGenerator.GetBytes(SegmentLayout.Content.KeySize);
        try
        {
            byte[] header = new SegmentHeader(journalId, firstSequence, previousHash, counter, key).Seal(sealer);
            string name = JournalFileNames.Segment(firstSequence, counter);
            IAppendableFile file = folder.CreateFile(name);
            try
            {
                file.Append(header);
                file.Flush();
                folder.SyncFolder();
                ulong moved = platform.IncrementMonotonicCounter();
                if (moved != counter)
                {
                    throw new InvalidOperationException(
                        $"The monotonic counter moved to {moved}, not {counter}: something besides the journal increments it.");
                }

                return new ActiveSegment(name, firstSequence, counter, file, new RecordCipher(key));
            }
            catch
            {
                file.Dispose();
                throw;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    public SegmentEntry ToClosedEntry() => new(Name, FirstSequence, FirstSequence + RecordCount - 1, Counter);

    public void Dispose()
    {
        File.Dispose();
        Cipher.Dispose();
    }
}
