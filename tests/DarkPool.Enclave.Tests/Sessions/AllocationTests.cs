using DarkPool.Enclave.Sessions;
using DarkPool.Protocol.Client;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Messages.Responses;
using DarkPool.Testing.Shared;

namespace DarkPool.Enclave.Tests.Sessions;

/// <summary>
/// The per-envelope paths allocate nothing once warm: open a request, seal its answer, seal a recorded outcome. A whole
/// batch of <see cref="Count"/> requests allocates zero bytes: of <see cref="MaxBatches"/> measured batches, at most one
/// may have allocated (<see cref="WarmAllocations"/> for why).
/// </summary>
public sealed class AllocationTests : IDisposable
{
    private const int Count = 200;
    private const int MaxBatches = 5;
    private readonly SessionFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void OpenRequestAndSealResponse_AfterWarmUp_AllocateNothing()
    {
        ClientSession client = _f.Open();
        byte[][] envelopes = Enumerable.Range(1, (MaxBatches + 1) * Count).Select(i => SessionFixture.Place(client, (ulong)i, i)).ToArray();
        var response = new byte[EnvelopeLayout.StandardEnvelopeSize];
        SessionTable table = _f.Table;
        int done = 0;
        void Run(int batch)
        {
            for (int i = batch * Count; i < (batch + 1) * Count; i++)
            {
                // Counted, so that a call refused early (and so allocating nothing) cannot pass for the path.
                bool ok = table.TryOpenRequest(envelopes[i], SessionFixture.Now, out OpenedRequest request, out _)
                    && table.TrySealResponse(request.SessionId, request.Request.ClientRequestId, SessionFixture.Now, new OrderAccepted { Market = 7, ClientOrderId = i }, response, out _, out _)
                    && table.TrySealOutcome(request.SessionId, request.Request.ClientRequestId, response, out _, out _);
                done += ok ? 1 : 0;
            }
        }

        long[] bytes = WarmAllocations.Measure(Run, MaxBatches);

        Assert.True(WarmAllocations.AtMostOneAllocated(bytes), WarmAllocations.Describe(bytes));
        Assert.Equal((MaxBatches + 1) * Count, done);
        Assert.True(table.TryGetSession(client.SessionId, out SessionInfo info));
        Assert.Equal((ulong)((MaxBatches + 1) * Count) + 1, info.NextRequestSequence);
    }
}
