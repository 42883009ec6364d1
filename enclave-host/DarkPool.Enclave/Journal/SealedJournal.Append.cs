using System.Buffers.Binary;
using System.Security.Cryptography;
using DarkPool.Attestation.Identity;
using DarkPool.Enclave.Journal.Internal;
using L = DarkPool.Enclave.Journal.JournalRecordLayout;

namespace DarkPool.Enclave.Journal;

/// <summary>The appender thread's side: staging payloads, then sealing, writing and fsyncing them as one group.</summary>
public sealed partial class SealedJournal
{
    // Appender thread only.
    private ActiveSegment _active;
    private byte[] _staging = new byte[64 * 1024];
    private int _stagingLength;
    private int _stagedCount;
    private byte[] _frames = new byte[64 * 1024];
    private long _lastAppended;
    private long _lastSealed;
    private readonly byte[] _chainHash = new byte[L.HashSize];
    private readonly IncrementalHash _hasher = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>
    /// Stages <paramref name="payload"/> as the next record and returns its sequence number. Nothing is written until
    /// <see cref="Commit"/>; the record is durable only when <see cref="DurableSequence"/> reaches the sequence.
    /// Appender thread; does not allocate once the staging buffer has grown to the batch size.
    /// </summary>
    /// <exception cref="ArgumentException">The payload is longer than <see cref="JournalOptions.MaxPayloadLength"/>.</exception>
    /// <exception cref="JournalFaultedException">The journal faulted earlier.</exception>
    public long Append(ReadOnlySpan<byte> payload)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_fault is not null)
        {
            ThrowFaulted();
        }

        if (payload.Length > _options.MaxPayloadLength)
        {
            throw new ArgumentException($"A journal payload is at most {_options.MaxPayloadLength} bytes; got {payload.Length}.", nameof(payload));
        }

        int needed = _stagingLength + sizeof(int) + payload.Length;
        if (needed > _staging.Length)
        {
            GrowStaging(needed);
        }

        BinaryPrimitives.WriteInt32LittleEndian(_staging.AsSpan(_stagingLength), payload.Length);
        payload.CopyTo(_staging.AsSpan(_stagingLength + sizeof(int)));
        _stagingLength = needed;
        _stagedCount++;
        return ++_lastAppended;
    }

    /// <summary>
    /// Group commit: seals every staged record, writes them with one write and makes them durable with one fsync (rolling
    /// to a new segment first when the active one is full or a snapshot asked for it). Returns the durable sequence.
    /// With nothing staged it returns at once. Appender thread.
    /// </summary>
    /// <exception cref="JournalFaultedException">A write, fsync or roll failed (now or earlier); the journal accepts nothing more.</exception>
    public long Commit()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_fault is not null)
        {
            ThrowFaulted();
        }

        if (_stagedCount == 0)
        {
            return _lastSealed;
        }

        try
        {
            long batchBytes = _stagingLength + ((long)_stagedCount * (L.Overhead - sizeof(int)));

            // A snapshot asks for a roll so that the segments before it can go and a newer counter value follows it; an
            // empty active segment already carries a counter value no older than the snapshot's.
            if (_active.RecordCount == 0)
            {
                _rollRequested = false;
            }
            else if (_rollRequested || _active.File.Length + batchBytes > _options.SegmentSizeLimit)
            {
                Roll();
            }

            int written = SealStaged(checked((int)batchBytes));
            _active.File.Append(_frames.AsSpan(0, written));
            _active.File.Flush();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or CryptographicException)
        {
            // The group is lost with the journal; its payloads (opened requests, session keys) must not stay in the clear.
            ClearStaging();
            _fault = e;
            throw new JournalFaultedException("A journal write, fsync or segment roll failed; the journal accepts nothing more. Restart and recover.", e);
        }

        lock (_stateGate)
        {
            _head = new JournalHead(_lastSealed, new Sha256Hash(_chainHash));
        }

        Volatile.Write(ref _durable, _lastSealed);
        return _lastSealed;
    }

    private int SealStaged(int batchBytes)
    {
        if (_frames.Length < batchBytes)
        {
            _frames = new byte[Math.Max(batchBytes, _frames.Length * 2)];
        }

        int read = 0;
        int written = 0;
        lock (_stateGate)
        {
            for (int i = 0; i < _stagedCount; i++)
            {
                int length = BinaryPrimitives.ReadInt32LittleEndian(_staging.AsSpan(read));
                ReadOnlySpan<byte> payload = _staging.AsSpan(read + sizeof(int), length);
                long sequence = _lastSealed + 1;
                Span<byte> frame = _frames.AsSpan(written, L.Overhead + length);
                _ = _active.Cipher.Seal(sequence, _chainHash, payload, frame);
                _hasher.AppendData(frame);
                _ = _hasher.TryGetHashAndReset(_chainHash, out _);
                _ring.Set(sequence, _chainHash);
                _lastSealed = sequence;
                read += sizeof(int) + length;
                written += frame.Length;
            }
        }

        _active.RecordCount += _stagedCount;
        ClearStaging();
        return written;
    }

    /// <summary>For tests: true when no staged payload byte is left in the staging buffer.</summary>
    internal bool StagingIsClear => !_staging.AsSpan().ContainsAnyExcept((byte)0);

    /// <summary>Clears the staged payloads and forgets them.</summary>
    private void ClearStaging()
    {
        CryptographicOperations.ZeroMemory(_staging.AsSpan(0, _stagingLength));
        _stagingLength = 0;
        _stagedCount = 0;
    }

    /// <summary>Opens the next segment (one counter increment) and closes the active one, whose records are all durable.</summary>
    private void Roll()
    {
        ActiveSegment next = ActiveSegment.Create(_folder, _sealer, _platform, _journalId, _lastSealed + 1, new Sha256Hash(_chainHash));
        ActiveSegment closed = _active;
        _active = next;
        _rollRequested = false;
        lock (_filesGate)
        {
            _closedSegments.Add(closed.ToClosedEntry());
        }

        closed.Dispose();
    }

    private void GrowStaging(int needed)
    {
        var larger = new byte[Math.Max(needed, _staging.Length * 2)];
        _staging.AsSpan(0, _stagingLength).CopyTo(larger);
        CryptographicOperations.ZeroMemory(_staging.AsSpan(0, _stagingLength));
        _staging = larger;
    }
}
