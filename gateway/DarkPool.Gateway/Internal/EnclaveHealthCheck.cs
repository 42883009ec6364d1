using DarkPool.Host;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DarkPool.Gateway.Internal;

/// <summary>NOT_SERVING once the enclave stopped (its journal failed; every request would be answered ENCLAVE_STOPPED).</summary>
internal sealed class EnclaveHealthCheck(EnclaveHost host) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(host.IsStopped ? HealthCheckResult.Unhealthy("The enclave stopped; restart to recover.") : HealthCheckResult.Healthy());
}
