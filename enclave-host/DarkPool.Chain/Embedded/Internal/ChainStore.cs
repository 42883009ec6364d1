using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using DarkPool.Chain.Batches;

namespace DarkPool.Chain.Embedded.Internal;

/// <summary>
/// The embedded chain's data folder: <c>state.dpc</c> (the whole <see cref="ChainState"/>) and
/// <c>batches/NNNNNNNNNNNNNNNNNNNN.dpb</c> (one signed batch each). A batch file is written before the
/// state that counts it, so a crash between the two leaves an uncounted batch file, removed at open.
/// The state's JSON is kept in memory as last written (a transaction that fails goes back to it) and serialised into a
/// second buffer; both are kept from one transaction to the next, so a post allocates no state-sized array.
/// Not thread-safe: the chain calls it under its lock.
/// </summary>
internal sealed class ChainStore
{
    private const ushort StateKind = 1;
    private const ushort BatchKind = 2;
    private readonly string _statePath;
    private readonly string _batchDirectory;
    private ArrayBufferWriter<byte> _committed = new();
    private ArrayBufferWriter<byte> _next = new();

    public ChainStore(string folder)
    {
        Folder = Path.GetFullPath(folder);
        _statePath = Path.Combine(Folder, "state.dpc");
        _batchDirectory = Path.Combine(Folder, "batches");
    }

    public string Folder { get; }

    public bool Exists => File.Exists(_statePath);

    /// <summary>Batch files without a state file: the state was lost, not never written.</summary>
    public void ThrowIfOrphaned()
    {
        if (!Exists && Directory.Exists(_batchDirectory) && Directory.EnumerateFiles(_batchDirectory, "*.dpb").Any())
        {
            throw new ChainDataCorruptException(_statePath, "the state file is missing but batch files exist");
        }
    }

    /// <summary>Creates the folders and drops torn temp files; the committed files are left alone.</summary>
    public void Prepare()
    {
        Directory.CreateDirectory(_batchDirectory);
        DurableFile.RemoveTornTempFiles(Folder);
        DurableFile.RemoveTornTempFiles(_batchDirectory);
    }

    /// <summary>A copy of the state as last written: what a failed transaction leaves.</summary>
    public ChainState CopyCommitted() => Deserialize(_committed.WrittenSpan, "(in memory)");

    /// <summary>Writes <paramref name="state"/> durably; only once it is on disk does it become the committed state.</summary>
    public void Commit(ChainState state)
    {
        // The state is public (the contract's storage): the buffer's old bytes need no wiping, only not being read.
        _next.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_next))
        {
            JsonSerializer.Serialize(writer, state, ChainJson.Default.ChainState);
        }

        DurableFile.Write(_statePath, StateKind, _next.WrittenSpan);
        (_committed, _next) = (_next, _committed);
    }

    /// <summary>Loads the state and checks every batch file it counts; removes batch files it does not count.</summary>
    public ChainState Load()
    {
        byte[] payload = DurableFile.Read(_statePath, StateKind);
        ChainState state = Deserialize(payload, _statePath);
        foreach (BatchEntry entry in state.Batches)
        {
            _ = ReadBatch(entry);
        }

        foreach (string file in Directory.EnumerateFiles(_batchDirectory, "*.dpb"))
        {
            if (!ulong.TryParse(Path.GetFileNameWithoutExtension(file), NumberStyles.None, CultureInfo.InvariantCulture, out ulong sequence)
                || sequence >= state.NextSequence || sequence == 0)
            {
                File.Delete(file);
            }
        }

        _committed.ResetWrittenCount();
        _committed.Write(payload);
        return state;
    }

    /// <summary>Payload: encoded length (4, big-endian) | encoded batch | signature, written from where they are.</summary>
    public void WriteBatch(ulong sequence, SignedBatch batch)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)batch.Encoded.Length);
        DurableFile.Write(BatchPath(sequence), BatchKind, length, batch.Encoded.Span, batch.Signature.Span);
    }

    public SignedBatch ReadBatch(BatchEntry entry)
    {
        string path = BatchPath(entry.Sequence);
        byte[] payload = DurableFile.Read(path, BatchKind);
        if (payload.Length < 4 || BinaryPrimitives.ReadUInt32BigEndian(payload) > (uint)(payload.Length - 4))
        {
            throw new ChainDataCorruptException(path, "the batch length field is out of range");
        }

        int length = (int)BinaryPrimitives.ReadUInt32BigEndian(payload);
        ReadOnlyMemory<byte> encoded = payload.AsMemory(4, length);
        var batch = new SignedBatch(encoded, payload[(4 + length)..], BatchDescriptor.Hash(encoded.Span));
        if (batch.Hash != entry.Hash)
        {
            throw new ChainDataCorruptException(path, $"the batch hash differs from the one recorded for sequence {entry.Sequence}");
        }

        return batch;
    }

    private static ChainState Deserialize(ReadOnlySpan<byte> payload, string path)
    {
        ChainState? state;
        try
        {
            state = JsonSerializer.Deserialize(payload, ChainJson.Default.ChainState);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException or OverflowException)
        {
            throw new ChainDataCorruptException(path, "the state does not parse", ex);
        }

        if (state is null || state.Format != ChainState.CurrentFormat)
        {
            throw new ChainDataCorruptException(path, $"unknown state format {state?.Format}");
        }

        if ((ulong)state.Batches.Count != state.NextSequence - 1 || state.SettledDepositIndex > (ulong)state.Deposits.Count)
        {
            throw new ChainDataCorruptException(path, "the state's counters disagree with its lists");
        }

        return state;
    }

    private string BatchPath(ulong sequence) =>
        Path.Combine(_batchDirectory, sequence.ToString("D20", CultureInfo.InvariantCulture) + ".dpb");
}
