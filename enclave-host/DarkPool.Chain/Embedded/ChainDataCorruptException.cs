namespace DarkPool.Chain.Embedded;

/// <summary>
/// A file of the embedded chain's data folder is damaged (bad header, checksum, length or content) or
/// missing. The chain refuses to open rather than run on state it cannot trust.
/// </summary>
public sealed class ChainDataCorruptException : Exception
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    public ChainDataCorruptException(string path, string reason, Exception? inner = null)
        : base($"Embedded chain data is corrupt: {path}: {reason}", inner)
    {
        FilePath = path;
    }

    /// <summary>The damaged or missing file.</summary>
    public string FilePath { get; }
}
