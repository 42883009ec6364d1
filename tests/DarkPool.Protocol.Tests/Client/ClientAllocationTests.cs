using System.Security.Cryptography;
using DarkPool.Protocol.Accounts;
using DarkPool.Protocol.Client;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Handshake;
using DarkPool.Protocol.Messages.Responses;
using DarkPool.Protocol.Tests.Support;
using DarkPool.Testing.Shared;

namespace DarkPool.Protocol.Tests.Client;

/// <summary>
/// Sealing requests and opening non-page responses allocate nothing once warm (a market maker seals many): a whole batch
/// of <see cref="Count"/> allocates zero bytes: of <see cref="MaxBatches"/> measured batches, at most one may have
/// allocated (<see cref="WarmAllocations"/> for why).
/// </summary>
public sealed class ClientAllocationTests
{
    private const int Count = 200;
    private const int MaxBatches = 5;

    [Fact]
    public void SealRequestAndOpenResponse_AfterWarmUp_AllocateNothing()
    {
        using ECDiffieHellman enclave = TestKeys.EnclaveKey();
        using Secp256k1AccountKey account = TestKeys.Account();
        using var session = ClientSession.Create(KeyAgreement.ExportPublicKey(enclave), TestKeys.QuoteHash(), account, TestKeys.HandshakeExpiry);
        using var enclaveSide = new EnclaveSide(enclave, session.HandshakeMessage);
        byte[][] responses = Enumerable.Range(1, (MaxBatches + 1) * Count).Select(i => enclaveSide.SealResponse((ulong)i, (ulong)i, new OrderAccepted { Market = 7, ClientOrderId = i })).ToArray();
        var envelope = new byte[EnvelopeLayout.StandardEnvelopeSize];
        int opened = 0;
        void Run(int batch)
        {
            for (int i = batch * Count; i < (batch + 1) * Count; i++)
            {
                session.SealRequest((ulong)i + 1, TestKeys.HandshakeExpiry, Samples.Limit, envelope);

                // Counted, so that a response refused early (and so allocating nothing) cannot pass for the path.
                opened += session.TryOpenResponse(responses[i], out _, out _) ? 1 : 0;
            }
        }

        long[] bytes = WarmAllocations.Measure(Run, MaxBatches);

        Assert.True(WarmAllocations.AtMostOneAllocated(bytes), WarmAllocations.Describe(bytes));
        Assert.Equal((MaxBatches + 1) * Count, opened);
        Assert.Equal((ulong)((MaxBatches + 1) * Count) + 1, session.NextResponseSequence);
    }
}
