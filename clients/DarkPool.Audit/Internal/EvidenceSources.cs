using DarkPool.CommandLine;
using DarkPool.Enclave.Runtime;
using DarkPool.Gateway.V1;
using DarkPool.Host;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging.Abstractions;
using AttestationClient = DarkPool.Gateway.V1.Attestation.AttestationClient;

namespace DarkPool.Audit.Internal;

/// <summary>
/// Where evidence comes from: a running server (the gateway's <c>Attestation.GetEvidence</c>), or a stopped server's
/// data folder, on which the enclave is started exactly as the server starts it (<see cref="EnclaveHost"/>).
/// </summary>
internal static class EvidenceSources
{
    /// <summary>How long a server has to answer.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>Asks the server at <paramref name="server"/> for evidence over <paramref name="nonce"/>.</summary>
    public static async Task<FetchedEvidence> FromServerAsync(Uri server, byte[] nonce, CancellationToken cancellationToken)
    {
        using GrpcChannel channel = GrpcChannel.ForAddress(server);
        var client = new AttestationClient(channel);
        Evidence evidence;
        try
        {
            evidence = await client.GetEvidenceAsync(
                new GetEvidenceRequest { Nonce = ByteString.CopyFrom(nonce) },
                deadline: DateTime.UtcNow + Deadline,
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            throw CommandLineException.Failure(e.StatusCode switch
            {
                StatusCode.Unavailable => $"cannot reach the server at {server}: {Reason(e)}",
                StatusCode.DeadlineExceeded => $"the server at {server} did not answer within {Deadline.TotalSeconds:0} s",
                StatusCode.Cancelled => "cancelled",
                _ => $"the server at {server} refused the evidence request: {e.StatusCode}: {Reason(e)}",
            });
        }

        return new FetchedEvidence(
            server.ToString(),
            nonce,
            evidence.Quote.ToByteArray(),
            evidence.RootCertificate.ToByteArray(),
            evidence.CollateralJson,
            evidence.KeyAgreementPublicKey.ToByteArray(),
            evidence.SettlementPublicKey.ToByteArray());
    }

    /// <summary>
    /// Starts the enclave on the data folder of a stopped server (the folder the server's <c>Server:DataFolder</c>
    /// names), asks it for evidence over <paramref name="nonce"/> and stops it. Never creates a data folder.
    /// </summary>
    public static FetchedEvidence FromDataFolder(string dataFolder, byte[] nonce)
    {
        string folder = Path.GetFullPath(dataFolder);
        if (!Directory.Exists(folder))
        {
            throw CommandLineException.Failure($"the data folder {folder} does not exist");
        }

        // The simulated platform's secret marks a complete deployment; without it, starting would create a new one.
        if (!File.Exists(Path.Combine(folder, "platform", "platform-secret.bin")))
        {
            throw CommandLineException.Failure($"{folder} is not a DarkPool server's data folder (no platform/platform-secret.bin); this command never creates one");
        }

        if (!EnclaveHost.TryStart(new EnclaveHostOptions { DataFolder = folder, Markets = [] }, NullLogger.Instance, out EnclaveHost? host, out string? error))
        {
            string hint = error.Contains("InUse", StringComparison.Ordinal) ? " (a running server holds its data folder: use --server instead)" : string.Empty;
            throw CommandLineException.Failure($"the enclave did not start on {folder}: {error}{hint}");
        }

        using (host)
        {
            EnclaveEvidence evidence = host.GetEvidence(nonce);
            return new FetchedEvidence(
                folder,
                nonce,
                evidence.Quote,
                evidence.RootCertificate,
                evidence.CollateralJson,
                evidence.KeyAgreementPublicKey,
                evidence.SettlementPublicKey);
        }
    }

    private static string Reason(RpcException e) =>
        e.Status.DebugException is { } inner ? $"{e.Status.Detail} ({inner.Message})" : e.Status.Detail;
}
