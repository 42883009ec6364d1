namespace DarkPool.Enclave.Journal;

/// <summary>An incomplete last record that recovery dropped (the file was cut back to <paramref name="Offset"/>).</summary>
/// <param name="File">The newest segment.</param>
/// <param name="Offset">Where the incomplete record started; the file's new length.</param>
/// <param name="DroppedBytes">How many bytes were cut.</param>
public sealed record TornTail(string File, long Offset, long DroppedBytes);
