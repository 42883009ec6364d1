using Grpc.Core;
using Grpc.Core.Interceptors;

namespace DarkPool.Gateway.Internal;

/// <summary>Answers RESOURCE_EXHAUSTED with RetryInfo once a connection exceeds its call rate (ASP.NET's limiter would answer 429).</summary>
internal sealed class ConnectionRateLimitInterceptor(RateLimits limits) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        return continuation(request, responseStream, context);
    }

    private void Check(ServerCallContext context)
    {
        if (!limits.TryConnection(context.Peer, out TimeSpan retryAfter))
        {
            throw GatewayErrors.RateLimited("connection", retryAfter);
        }
    }
}
