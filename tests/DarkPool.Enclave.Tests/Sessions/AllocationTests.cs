using DarkPool.Enclave.Sessions;
using DarkPool.Protocol.Client;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Messages.Responses;

namespace DarkPool.Enclave.Tests.Sessions;

/// <summary>The per-envelope paths allocate nothing once warm: open a request, seal its answer, seal a recorded outcome.</summary>
public sealed class AllocationTests : IDisposable
{
    private const int Count = 200;
    private readonly SessionFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void OpenRequestAndSealResponse_AfterWarmUp_AllocateNothing()
    {
        ClientSession client = _f.Open();
        byte[][] envelopes = Enumerable.Range(1, 2 * Count).Select(i => SessionFixture.Place(client, (ulong)i, i)).ToArray();
        var response = new byte[EnvelopeLayout.StandardEnvelopeSize];
        SessionTable table = _f.Table;
        void Run(int from)
        {
            for (int i = from; i < from + Count; i++)
            {
                table.TryOpenRequest(envelopes[i], SessionFixture.Now, out OpenedRequest request, out _);
                table.TrySealResponse(request.SessionId, request.Request.ClientRequestId, SessionFixture.Now, new OrderAccepted { Market = 7, ClientOrderId = i }, response, out _, out _);
                table.TrySealOutcome(request.SessionId, request.Request.ClientRequestId, response, out _, out _);
            }
        }

        Run(0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Run(Count);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(table.TryGetSession(client.SessionId, out SessionInfo info));
        Assert.Equal((ulong)(2 * Count) + 1, info.NextRequestSequence);
    }
}
