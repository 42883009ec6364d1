using System.Buffers.Binary;
using System.Security.Cryptography;
using DarkPool.Attestation.Identity;
using DarkPool.Enclave.Platform;
using DarkPool.Enclave.Sealing;

namespace DarkPool.Enclave.Tests.Journal.Support;

/// <summary>
/// An in-memory platform for journal tests: sealing keys from a fixed secret (HKDF, bound to policy, identity, security
/// version, generation and key id, as the simulated platform does), a counter that is durable the moment it moves, and
/// a hook that lets a <see cref="Faults.FaultyFolder"/> crash the process at the increment. No quotes.
/// </summary>
internal sealed class TestPlatform : IEnclavePlatform
{
    private static readonly byte[] DefaultSecret = SHA256.HashData("journal test platform secret"u8);
    private readonly byte[] _secret;
    private readonly CounterCell _counter;

    public TestPlatform(ushort securityVersion = 3, byte[]? secret = null, CounterCell? counter = null, string build = "build A")
    {
        _secret = secret ?? DefaultSecret;
        _counter = counter ?? new CounterCell();
        Identity = new EnclaveIdentity(Sha256Hash.Compute(System.Text.Encoding.UTF8.GetBytes(build)), Sha256Hash.Compute("test signer"u8), 7, securityVersion, false);
    }

    public EnclaveIdentity Identity { get; }

    public bool IsSimulated => true;

    public uint SealKeyGeneration { get; private set; } = 1;

    /// <summary>Called before each increment; a crash thrown here leaves the counter where it was.</summary>
    public Action? BeforeIncrement { get; set; }

    public int Increments { get; private set; }

    public CounterCell Counter => _counter;

    /// <summary>Another build of the same product on the same machine: same secret, same counter.</summary>
    public TestPlatform Upgraded(ushort securityVersion, string build) => new(securityVersion, _secret, _counter, build);

    public byte[] CreateQuote(ReadOnlySpan<byte> reportData) => throw new NotSupportedException("The journal never asks for a quote.");

    public uint RotateSealKeyGeneration() => ++SealKeyGeneration;

    public bool TryDeriveSealingKey(SealPolicy policy, ushort securityVersion, uint generation, ReadOnlySpan<byte> keyId, Span<byte> key, out SealKeyError error)
    {
        error = policy is not (SealPolicy.Unique or SealPolicy.Product) ? SealKeyError.UnknownPolicy
            : securityVersion > Identity.SecurityVersion ? SealKeyError.SecurityVersionTooNew
            : generation == 0 || generation > SealKeyGeneration ? SealKeyError.GenerationNotAvailable
            : SealKeyError.None;
        if (error != SealKeyError.None)
        {
            return false;
        }

        Span<byte> info = stackalloc byte[2 + 32 + 2 + 2 + 4];
        BinaryPrimitives.WriteUInt16LittleEndian(info, (ushort)policy);
        (policy == SealPolicy.Unique ? Identity.MrEnclave : Identity.MrSigner).CopyTo(info[2..]);
        BinaryPrimitives.WriteUInt16LittleEndian(info[34..], Identity.ProductId);
        BinaryPrimitives.WriteUInt16LittleEndian(info[36..], securityVersion);
        BinaryPrimitives.WriteUInt32LittleEndian(info[38..], generation);
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _secret, key[..32], keyId, info);
        return true;
    }

    public ulong ReadMonotonicCounter() => _counter.Value;

    public ulong IncrementMonotonicCounter()
    {
        BeforeIncrement?.Invoke();
        Increments++;
        return ++_counter.Value;
    }
}
