using System.Security.Cryptography;
using DarkPool.Protocol.Accounts;
using DarkPool.Protocol.Client;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Handshake;
using DarkPool.Protocol.Messages.Responses;
using DarkPool.Protocol.Tests.Support;

namespace DarkPool.Protocol.Tests.Client;

/// <summary>Sealing requests and opening non-page responses allocate nothing once warm (a market maker seals many).</summary>
public sealed class ClientAllocationTests
{
    private const int Count = 200;

    [Fact]
    public void SealRequestAndOpenResponse_AfterWarmUp_AllocateNothing()
    {
        using ECDiffieHellman enclave = TestKeys.EnclaveKey();
        using Secp256k1AccountKey account = TestKeys.Account();
        using var session = ClientSession.Create(KeyAgreement.ExportPublicKey(enclave), TestKeys.QuoteHash(), account, TestKeys.HandshakeExpiry);
        using var enclaveSide = new EnclaveSide(enclave, session.HandshakeMessage);
        byte[][] responses = Enumerable.Range(1, 2 * Count).Select(i => enclaveSide.SealResponse((ulong)i, (ulong)i, new OrderAccepted { Market = 7, ClientOrderId = i })).ToArray();
        var envelope = new byte[EnvelopeLayout.StandardEnvelopeSize];
        void Run(int from)
        {
            for (int i = from; i < from + Count; i++)
            {
                session.SealRequest((ulong)i + 1, TestKeys.HandshakeExpiry, Samples.Limit, envelope);
                session.TryOpenResponse(responses[i], out _, out _);
            }
        }

        Run(0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Run(Count);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal((ulong)(2 * Count) + 1, session.NextResponseSequence);
    }
}
