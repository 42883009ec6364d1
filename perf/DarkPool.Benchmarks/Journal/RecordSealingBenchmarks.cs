using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using DarkPool.Enclave.Sealing;

namespace DarkPool.Benchmarks.Journal;

/// <summary>
/// Why records are not each a <see cref="Sealer"/> blob: sealing derives a fresh key (HKDF) and builds an AES-GCM
/// context per blob, and allocates. The journal seals a random key once per segment and encrypts records with one
/// reused AES-GCM context (plus a SHA-256 for the chain). Both on a 128-byte record.
/// </summary>
[MemoryDiagnoser]
public class RecordSealingBenchmarks
{
    private static readonly byte[] Context = "DarkPool.Benchmark"u8.ToArray();
    private readonly byte[] _record = new byte[128];
    private readonly byte[] _frame = new byte[128 + 68];
    private readonly byte[] _hash = new byte[32];
    private readonly byte[] _nonce = new byte[12];
    private JournalFixture _fixture = null!;
    private Sealer _sealer = null!;
    private AesGcm _aes = null!;
    private byte[] _sealed = [];

    /// <summary>Creates the platform and a segment-style key.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _fixture = new JournalFixture();
        _sealer = new Sealer(_fixture.Platform);
        _aes = new AesGcm(RandomNumberGenerator.GetBytes(32), 16);
        _sealed = _sealer.Seal(SealPolicy.Product, _record, Context);
    }

    /// <summary>Removes the platform folder.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _aes.Dispose();
        _fixture.Dispose();
    }

    /// <summary>One record as its own sealed blob.</summary>
    /// <returns>The blob.</returns>
    [Benchmark(Baseline = true)]
    public byte[] SealerPerRecord() => _sealer.Seal(SealPolicy.Product, _record, Context);

    /// <summary>Opening one record sealed as its own blob.</summary>
    /// <returns>True when it opened.</returns>
    [Benchmark]
    public bool UnsealerPerRecord() => _sealer.TryUnseal(_sealed, SealPolicy.Product, Context, out _, out _);

    /// <summary>What the journal does per record: AES-256-GCM under the segment key, then SHA-256 of the frame.</summary>
    /// <returns>The first hash byte.</returns>
    [Benchmark]
    public byte SegmentKeyPerRecord()
    {
        _aes.Encrypt(_nonce, _record, _frame.AsSpan(52, 128), _frame.AsSpan(180, 16), _frame.AsSpan(0, 52));
        _ = SHA256.HashData(_frame, _hash);
        return _hash[0];
    }
}
