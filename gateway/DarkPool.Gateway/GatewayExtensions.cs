using DarkPool.Gateway.Internal;
using DarkPool.Gateway.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DarkPool.Gateway;

/// <summary>Registration in the ASP.NET Core style.</summary>
public static class GatewayExtensions
{
    /// <summary>The configuration key that, set to <c>false</c>, keeps the host from watching its configuration files.</summary>
    public const string ReloadConfigOnChangeKey = "hostBuilder:reloadConfigOnChange";

    /// <summary>
    /// <see cref="WebApplication.CreateBuilder(string[])"/> without reloading configuration on change: the options are
    /// validated once at start and never re-read, and the default reload puts a file-system watch on every folder under
    /// the content root (the working directory), so that every journal write into a data folder below it woke a watcher
    /// thread (docs/GATEWAY.md, "Running the server").
    /// </summary>
    /// <remarks>
    /// The setting goes first, so that a value-less switch at the end of <paramref name="args"/> cannot take it as its
    /// value, and any argument of the user's that names the same key is left out.
    /// </remarks>
    public static WebApplicationBuilder CreateGatewayBuilder(string[]? args = null) =>
        WebApplication.CreateBuilder([$"--{ReloadConfigOnChangeKey}=false",
            .. (args ?? []).Where(a => !a.Contains(ReloadConfigOnChangeKey, StringComparison.OrdinalIgnoreCase))]);

    /// <summary>Adds the gateway's gRPC services, health checks and reflection, with limits from <see cref="GatewayOptions"/>.</summary>
    public static IServiceCollection AddDarkPoolGateway(this IServiceCollection services, Action<GatewayOptions>? configure = null)
    {
        OptionsBuilder<GatewayOptions> options = services.AddOptions<GatewayOptions>();
        if (configure is not null)
        {
            _ = options.Configure(configure);
        }

        _ = options.Validate(o =>
        {
            o.Validate();
            return true;
        }).ValidateOnStart();
        _ = services.AddSingleton<RateLimits>();
        _ = services.AddSingleton<StreamBudget>();
        _ = services.AddSingleton<SessionConnections>();

        // The services and the interceptor hold no per-call state (everything they use is a singleton), so one instance
        // each serves every call: grpc-dotnet and its interceptor pipeline take a registered instance from the container
        // instead of constructing (and disposing) one per call.
        _ = services.AddSingleton<ConnectionRateLimitInterceptor>();
        _ = services.AddSingleton<AttestationService>();
        _ = services.AddSingleton<SessionsService>();
        _ = services.AddSingleton<RequestsService>();
        _ = services.AddSingleton<EventsService>();
        _ = services.AddGrpc(grpc =>
        {
            grpc.EnableDetailedErrors = false;
            grpc.Interceptors.Add<ConnectionRateLimitInterceptor>();
        });
        _ = services.AddOptions<Grpc.AspNetCore.Server.GrpcServiceOptions>().Configure<IOptions<GatewayOptions>>((grpc, limits) =>
        {
            grpc.MaxReceiveMessageSize = limits.Value.MaxReceiveMessageSize;
            grpc.MaxSendMessageSize = limits.Value.MaxSendMessageSize;
        });
        _ = services.AddGrpcReflection();
        _ = services.AddGrpcHealthChecks().AddCheck<EnclaveHealthCheck>("enclave");
        return services;
    }

    /// <summary>
    /// Order entry's calls resolve from the root container: gRPC activates the service and its interceptor from the call's
    /// <c>HttpContext.RequestServices</c>, which otherwise makes a DI scope per call (a scope, its dictionary and its
    /// disposal: about 4% of what a call allocated) for a service and an interceptor that are singletons, and nothing on
    /// that path is scoped. The other services keep their per-call scope.
    /// </summary>
    private static Action<EndpointBuilder> WithRootServices(IServiceProvider root) => endpoint =>
    {
        RequestDelegate inner = endpoint.RequestDelegate ?? throw new InvalidOperationException($"The endpoint {endpoint.DisplayName} has no request delegate.");
        endpoint.RequestDelegate = context =>
        {
            context.RequestServices = root;
            return inner(context);
        };
    };

    /// <summary>Maps the services: darkpool.v1.*, grpc.health.v1.Health and server reflection.</summary>
    public static IEndpointRouteBuilder MapDarkPoolGateway(this IEndpointRouteBuilder endpoints)
    {
        _ = endpoints.MapGrpcService<AttestationService>();
        _ = endpoints.MapGrpcService<SessionsService>();
        endpoints.MapGrpcService<RequestsService>().Add(WithRootServices(endpoints.ServiceProvider));
        _ = endpoints.MapGrpcService<EventsService>();
        _ = endpoints.MapGrpcService<DevChain.DevChainService>();
        _ = endpoints.MapGrpcHealthChecksService();
        _ = endpoints.MapGrpcReflectionService();
        return endpoints;
    }
}
