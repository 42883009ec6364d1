using DarkPool.Client.Internal;
using Microsoft.Extensions.DependencyInjection;

namespace DarkPool.Client;

/// <summary>DI registration in the .NET style.</summary>
public static class DarkPoolServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IDarkPoolClientFactory"/> as a singleton configured by <paramref name="configure"/>; the address
    /// and the policy are required and checked when the options are first used.
    /// </summary>
    public static IServiceCollection AddDarkPoolClient(this IServiceCollection services, Action<DarkPoolConnectionOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        _ = services.AddOptions<DarkPoolConnectionOptions>()
            .Configure(configure)
            .Validate(o => o.Address is not null, "DarkPool: Address is required.")
            .Validate(o => o.Policy is not null, "DarkPool: an attestation Policy is required; the SDK never connects without one.");
        _ = services.AddSingleton<IDarkPoolClientFactory, DarkPoolClientFactory>();
        return services;
    }
}
