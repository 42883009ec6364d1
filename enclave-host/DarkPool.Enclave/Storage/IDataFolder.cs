namespace DarkPool.Enclave.Storage;

/// <summary>
/// The folder of files the untrusted host keeps for the enclave (journal segments, snapshots). The enclave hands it
/// sealed bytes only and checks everything it reads back, so an implementation is trusted for availability, never
/// for integrity. Names are plain file names (<see cref="StorageFileName"/>); paths never cross this interface.
/// </summary>
/// <remarks>
/// Durability follows POSIX: appended bytes are durable only after <see cref="IAppendableFile.Flush"/> (fsync), and
/// a created, renamed or deleted name only after <see cref="SyncFolder"/> (fsync of the directory). Calls may come
/// from two threads at once (the journal's appender and a snapshot writer), always on different files.
/// </remarks>
public interface IDataFolder
{
    /// <summary>The names of the regular files in the folder, in no particular order.</summary>
    IReadOnlyList<string> ListFiles();

    /// <summary>Creates a new, empty file open for appending; fails if the name exists. The name is durable after <see cref="SyncFolder"/>.</summary>
    /// <exception cref="IOException">The file exists or cannot be created.</exception>
    IAppendableFile CreateFile(string name);

    /// <summary>Opens an existing file for reading.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    IReadableFile OpenRead(string name);

    /// <summary>Cuts the file to <paramref name="length"/> bytes; durable (ftruncate and fsync) when it returns.</summary>
    void Truncate(string name, long length);

    /// <summary>
    /// Cuts the file to <paramref name="length"/> bytes without waiting for it to be durable (no fsync), for freeing
    /// debris a piece at a time: nobody depends on the cut surviving a crash, and an fsync per piece would make the file
    /// system commit each one. The default is <see cref="Truncate"/>.
    /// </summary>
    void Shrink(string name, long length) => Truncate(name, length);

    /// <summary>Renames atomically, replacing <paramref name="destinationName"/> if it exists; durable after <see cref="SyncFolder"/>.</summary>
    void Rename(string sourceName, string destinationName);

    /// <summary>Removes the file if it exists; durable after <see cref="SyncFolder"/>.</summary>
    void Delete(string name);

    /// <summary>fsync of the folder itself: makes every create, rename and delete so far durable.</summary>
    void SyncFolder();
}
