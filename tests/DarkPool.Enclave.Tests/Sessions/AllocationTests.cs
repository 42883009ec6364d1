using DarkPool.Enclave.Sessions;
using DarkPool.Protocol.Client;
using DarkPool.Protocol.Envelopes;
using DarkPool.Protocol.Messages.Responses;
using DarkPool.Testing.Shared;

namespace DarkPool.Enclave.Tests.Sessions;

/// <summary>
/// The per-envelope paths allocate nothing once warm: open a request, seal its answer, seal a recorded outcome. A whole
/// batch of <see cref="Count"/> requests allocates zero bytes (<see cref="WarmAllocations"/> for why up to
/// <see cref="MaxBatches"/> batches are measured).
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
        void Run(int batch)
        {
            for (int i = batch * Count; i < (batch + 1) * Count; i++)
            {
                table.TryOpenRequest(envelopes[i], SessionFixture.Now, out OpenedRequest request, out _);
                table.TrySealResponse(request.SessionId, request.Request.ClientRequestId, SessionFixture.Now, new OrderAccepted { Market = 7, ClientOrderId = i }, response, out _, out _);
                table.TrySealOutcome(request.SessionId, request.Request.ClientRequestId, response, out _, out _);
            }
        }

        long[] bytes = WarmAllocations.Measure(Run, MaxBatches);

        Assert.True(bytes[^1] == 0, WarmAllocations.Describe(bytes));
        Assert.True(table.TryGetSession(client.SessionId, out SessionInfo info));
        Assert.Equal((ulong)((bytes.Length + 1) * Count) + 1, info.NextRequestSequence);
    }
}
