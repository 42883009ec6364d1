using DarkPool.Gateway.V1;
using Grpc.Core;

/// <summary>How a driver sends one sealed request by <c>Requests.Submit</c> (<c>--client grpc</c> or <c>lean</c>).</summary>
internal interface ISubmitter
{
    /// <summary>Null when answered; else the failure's status, and whether the enclave consumed nothing (busy, rate limited), so the session's sequence is rewound.</summary>
    Task<(StatusCode Status, bool Rewind)?> SubmitAsync(SealedRequest request);
}

/// <summary>The SDK's transport: grpc-dotnet's client over System.Net.Http.</summary>
internal sealed class GrpcSubmitter(Requests.RequestsClient client) : ISubmitter
{
    public async Task<(StatusCode Status, bool Rewind)?> SubmitAsync(SealedRequest request)
    {
        try
        {
            _ = await client.SubmitAsync(request).ConfigureAwait(false);
            return null;
        }
        catch (RpcException e)
        {
            string reason = e.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Reason ?? "";
            return (e.StatusCode, reason is "ENCLAVE_BUSY" or "RATE_LIMITED");
        }
    }
}

/// <summary>
/// The generator's lean transport (<see cref="LeanGrpcConnection"/>). It reads the status code only, not the error
/// details: RESOURCE_EXHAUSTED (rate limited) and UNAVAILABLE (enclave busy, or stopped) count as not consumed.
/// </summary>
internal sealed class LeanSubmitter(LeanGrpcConnection connection) : ISubmitter
{
    public async Task<(StatusCode Status, bool Rewind)?> SubmitAsync(SealedRequest request)
    {
        try
        {
            (StatusCode status, byte[] response) = await connection.CallAsync("/darkpool.v1.Requests/Submit", request).ConfigureAwait(false);
            if (status == StatusCode.OK)
            {
                // An answer is at least one sealed envelope.
                return SealedReply.Parser.ParseFrom(response).Envelopes.Count > 0 ? null : (StatusCode.DataLoss, false);
            }

            return (status, status is StatusCode.ResourceExhausted or StatusCode.Unavailable);
        }
        catch (RpcException e)
        {
            return (e.StatusCode, false);
        }
    }
}
