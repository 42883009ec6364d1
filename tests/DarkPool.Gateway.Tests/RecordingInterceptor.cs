using System.Collections.Concurrent;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace DarkPool.Gateway.Tests;

/// <summary>What the operator's gateway sees: every request and response message, as bytes, in arrival order.</summary>
internal sealed class RecordingInterceptor : Interceptor
{
    public ConcurrentQueue<(string Method, IMessage Message)> Seen { get; } = new();

    /// <summary>Each unary call's method and the container gRPC activated its service from (<c>HttpContext.RequestServices</c>).</summary>
    public ConcurrentQueue<(string Method, IServiceProvider Services)> Activations { get; } = new();

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Activations.Enqueue((context.Method, context.GetHttpContext().RequestServices));
        Record(context.Method, request);
        TResponse response = await continuation(request, context);
        Record(context.Method, response);
        return response;
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Record(context.Method, request);
        return continuation(request, new RecordingWriter<TResponse>(responseStream, m => Record(context.Method, m)), context);
    }

    private void Record(string method, object? message)
    {
        if (message is IMessage m)
        {
            Seen.Enqueue((method, m));
        }
    }

    private sealed class RecordingWriter<T>(IServerStreamWriter<T> inner, Action<T> record) : IServerStreamWriter<T>
    {
        public WriteOptions? WriteOptions
        {
            get => inner.WriteOptions;
            set => inner.WriteOptions = value;
        }

        public Task WriteAsync(T message)
        {
            record(message);
            return inner.WriteAsync(message);
        }
    }
}
