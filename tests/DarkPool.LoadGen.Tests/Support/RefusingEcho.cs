using DarkPool.Perf.V1;
using Grpc.Core;

namespace DarkPool.LoadGen.Tests.Support;

/// <summary>Echo that refuses every call the way a rate-limited gateway does (RESOURCE_EXHAUSTED).</summary>
internal sealed class RefusingEcho : Echo.EchoBase
{
    public override Task<EchoMessage> Unary(EchoMessage request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.ResourceExhausted, "rate limited"));
}
