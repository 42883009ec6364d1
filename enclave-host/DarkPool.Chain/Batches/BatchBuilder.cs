using DarkPool.Chain.Entries;

namespace DarkPool.Chain.Batches;

/// <summary>
/// Encodes and signs settlement batches in one buffer kept from one batch to the next, each account's entry encrypted
/// straight into its place: a batch of a megabyte then allocates nothing of its size, where joining entry arrays
/// (<see cref="BatchCiphertext.Join"/>), building a <see cref="SettlementBatch"/>, encoding it and wrapping it in a
/// <see cref="SignedBatch"/> allocates four or five copies, each on the large-object heap. The bytes are the same.
/// </summary>
/// <remarks>
/// The <see cref="SignedBatch"/> that <see cref="Sign"/> returns reads this buffer: it is valid until the next
/// <see cref="Begin"/>. The buffer holds only what is posted (header, withdrawals, ciphertext), never an entry's
/// plaintext, so it needs no wiping between batches. One batch at a time; not thread-safe.
/// </remarks>
public sealed class BatchBuilder
{
    private byte[] _buffer = [];
    private int _length;
    private int _ciphertextAt;
    private int _entries;
    private ulong _sequence;
    private bool _withCiphertext;
    private EntryKey? _entryKey;
    private Hash32 _journalHead;
    private Hash32? _completed;
    private bool _open;

    /// <summary>Bytes kept for the next batch (grows to the largest batch built).</summary>
    public int Capacity => _buffer.Length;

    /// <summary>
    /// Starts batch <paramref name="sequence"/>; the previous batch's <see cref="SignedBatch"/> is no longer valid.
    /// With <paramref name="withCiphertext"/> false the batch carries no ciphertext at all (no entries can be added); true
    /// gives the "DPSE" ciphertext, even when no entry ends up in it: version 2 under <paramref name="entryKey"/> when one is
    /// given (entries then go in with <see cref="AddEntry(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>), version 1 otherwise
    /// (entries with an ephemeral key each).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Too many withdrawals, or an amount that is not a uint256.</exception>
    public void Begin(
        ulong sequence, Hash32 previousHash, Hash32 journalHead, DepositCursor depositCursor, IReadOnlyList<Withdrawal> withdrawals, bool withCiphertext,
        EntryKey? entryKey = null)
    {
        SettlementBatch.CheckWithdrawals(withdrawals);
        _ciphertextAt = (int)BatchDescriptor.EncodedLength(withdrawals.Count, 0);
        _length = _ciphertextAt + (withCiphertext ? entryKey is null ? BatchCiphertext.HeaderSize : BatchCiphertext.HeaderSizeV2 : 0);
        EnsureCapacity(_length);
        BatchDescriptor.WriteHeader(_buffer, sequence, previousHash, journalHead, depositCursor, withdrawals, ciphertextLength: 0);
        (_sequence, _withCiphertext, _entryKey, _journalHead, _entries, _completed, _open) = (sequence, withCiphertext, entryKey, journalHead, 0, null, true);
    }

    /// <summary>
    /// Encrypts one account's version 1 entry into the batch (<see cref="EntryCipher"/>'s layout and key checks); on an
    /// <see cref="ArgumentException"/> (a key off the curve) the batch is left as it was.
    /// </summary>
    public void AddEntry(ReadOnlySpan<byte> ephemeral, ReadOnlySpan<byte> recipientPublicKey, ReadOnlySpan<byte> plaintext)
    {
        CheckOpen(version2: false);
        EnsureCapacity(_length + EntryCipher.Overhead + plaintext.Length);
        _length += EntryCipher.Encrypt(ephemeral, recipientPublicKey, _sequence, plaintext, _buffer.AsSpan(_length));
        _entries++;
    }

    /// <summary>
    /// Encrypts one account's version 2 entry into the batch under the entry key it was begun with; on an
    /// <see cref="ArgumentException"/> (a key off the curve) the batch is left as it was.
    /// </summary>
    public void AddEntry(ReadOnlySpan<byte> recipientPublicKey, ReadOnlySpan<byte> plaintext)
    {
        CheckOpen(version2: true);
        EnsureCapacity(_length + EntryCipher.OverheadV2 + plaintext.Length);
        _length += _entryKey!.Encrypt(recipientPublicKey, _sequence, _journalHead, plaintext, _buffer.AsSpan(_length));
        _entries++;
    }

    /// <summary>
    /// Adds a version 2 decoy entry (<see cref="EntryDecoys"/>): a zero plaintext of <paramref name="plaintextLength"/>
    /// bytes sealed under <paramref name="key"/>, which only the enclave knows, so it is as long as a real entry of that
    /// plaintext and opens for nobody.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="key"/> is not 32 bytes.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="plaintextLength"/> is not a positive multiple of the padding block.</exception>
    public void AddDecoy(ReadOnlySpan<byte> key, int plaintextLength)
    {
        CheckOpen(version2: true);
        if (key.Length != 32)
        {
            throw new ArgumentException("A decoy's key is 32 bytes.", nameof(key));
        }

        if (plaintextLength <= 0 || plaintextLength % SettlementEntry.PaddingBlock != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(plaintextLength), "A decoy is a whole number of padding blocks.");
        }

        int length = EntryCipher.OverheadV2 + plaintextLength;
        EnsureCapacity(_length + length);
        Span<byte> entry = _buffer.AsSpan(_length, length);
        Span<byte> zeros = entry.Slice(4, plaintextLength);
        zeros.Clear();
        EntryCipher.SealV2(key, _sequence, zeros, entry); // in place: the zero plaintext is where its ciphertext goes
        _length += length;
        _entries++;
    }

    /// <summary>
    /// Completes the batch (no more entries) and returns its hash, without signing it: a caller that must choose between
    /// two encodings of one batch (<c>SettlementSigner</c>: a batch signed before an upgrade) compares hashes first and
    /// signs only the one it keeps, so that no second batch is ever signed for a sequence.
    /// </summary>
    public Hash32 Complete()
    {
        if (_completed is { } done)
        {
            return done;
        }

        if (!_open)
        {
            throw new InvalidOperationException("No batch was begun since the last one was signed.");
        }

        int ciphertextLength = _length - _ciphertextAt;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(BatchDescriptor.CiphertextLengthOffset), (uint)ciphertextLength);
        if (_withCiphertext && _entryKey is null)
        {
            BatchCiphertext.WriteHeader(_buffer.AsSpan(_ciphertextAt), _entries);
        }
        else if (_withCiphertext)
        {
            BatchCiphertext.WriteHeaderV2(_buffer.AsSpan(_ciphertextAt), _entryKey!.PublicKey, _entries);
        }

        _open = false;
        Hash32 hash = BatchDescriptor.Hash(_buffer.AsSpan(0, _length));
        _completed = hash;
        return hash;
    }

    /// <summary>Completes the batch if that was not done yet and signs its hash for <paramref name="domain"/>; the result reads this buffer (see remarks).</summary>
    public SignedBatch Sign(SettlementDomain domain, ChainKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Hash32 hash = Complete();
        _completed = null;
        return new SignedBatch(_buffer.AsMemory(0, _length), BatchDescriptor.SignHash(hash, domain, key), hash);
    }

    /// <summary>The whole buffer, beyond the batch too (tests check what it holds).</summary>
    internal ReadOnlySpan<byte> Buffer => _buffer;

    private void CheckOpen(bool version2)
    {
        if (!_open || !_withCiphertext)
        {
            throw new InvalidOperationException("Entries go into a batch begun with a ciphertext and not signed yet.");
        }

        if (version2 != (_entryKey is not null))
        {
            throw new InvalidOperationException(version2
                ? "A version 2 entry goes into a batch begun with an entry key."
                : "A version 1 entry goes into a batch begun without an entry key.");
        }
    }

    private void EnsureCapacity(int needed)
    {
        if (needed > _buffer.Length)
        {
            // Doubling: a growing pool reaches its largest batch in a few steps, then this buffer is reused as it is.
            Array.Resize(ref _buffer, Math.Max(needed, (int)Math.Min(Array.MaxLength, 2L * _buffer.Length)));
        }
    }
}
