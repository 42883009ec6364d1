using DarkPool.Attestation.Verification;
using DarkPool.Gateway.V1;
using Google.Protobuf;
using Grpc.Net.Client;

namespace DarkPool.Client;

/// <summary>
/// Attestation on its own, without opening a session: fetch the enclave's evidence with a fresh nonce and verify it
/// exactly as <see cref="DarkPoolClient.ConnectAsync"/> does (for <c>darkpool attest</c> and monitoring).
/// </summary>
public static class EnclaveAttestation
{
    /// <summary>
    /// Fetches evidence and verifies it against <paramref name="policy"/>. The result says which check failed, if any; a
    /// collateral that does not parse throws <see cref="AttestationFailedException"/> as in <see cref="DarkPoolClient.ConnectAsync"/>.
    /// </summary>
    public static async Task<AttestationReport> FetchAndVerifyAsync(
        GrpcChannel channel, VerificationPolicy policy, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(policy);
        time ??= TimeProvider.System;
        var nonces = new NonceRegistry(time, TimeSpan.FromMinutes(1));
        byte[] nonce = nonces.Issue();
        Evidence evidence = await new Gateway.V1.Attestation.AttestationClient(channel)
            .GetEvidenceAsync(new GetEvidenceRequest { Nonce = ByteString.CopyFrom(nonce) }, cancellationToken: cancellationToken).ConfigureAwait(false);
        VerificationResult result = DarkPoolClient.Verify(evidence, nonce, policy, nonces, time);
        return new AttestationReport(result, nonce, evidence.Quote.ToByteArray(), evidence.KeyAgreementPublicKey.ToByteArray(),
            evidence.SettlementPublicKey.ToByteArray(), evidence.CollateralJson.Length > 0, evidence.Simulated);
    }
}
