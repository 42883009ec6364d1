using DarkPool.Attestation.Binding;
using DarkPool.Enclave.Runtime;
using DarkPool.Gateway.Internal;
using DarkPool.Gateway.V1;
using DarkPool.Host;
using Google.Protobuf;
using Grpc.Core;

namespace DarkPool.Gateway.Services;

/// <summary>Evidence for a client's nonce, rate limited per connection (docs/GATEWAY.md).</summary>
internal sealed class AttestationService(EnclaveHost host, RateLimits limits) : V1.Attestation.AttestationBase
{
    public override Task<Evidence> GetEvidence(GetEvidenceRequest request, ServerCallContext context)
    {
        if (request.Nonce.Length != ReportDataBinding.NonceSize)
        {
            throw GatewayErrors.BadArgument("nonce", $"The nonce is {ReportDataBinding.NonceSize} random bytes.");
        }

        // Its own budget: signing a quote costs far more than passing an envelope on.
        if (!limits.TryEvidence(context.Peer, out TimeSpan retryAfter))
        {
            throw GatewayErrors.RateLimited("evidence", retryAfter);
        }

        EnclaveEvidence evidence = host.GetEvidence(request.Nonce.Span);
        return Task.FromResult(new Evidence
        {
            Quote = ByteString.CopyFrom(evidence.Quote),
            RootCertificate = ByteString.CopyFrom(evidence.RootCertificate),
            CollateralJson = evidence.CollateralJson,
            KeyAgreementPublicKey = ByteString.CopyFrom(evidence.KeyAgreementPublicKey),
            SettlementPublicKey = ByteString.CopyFrom(evidence.SettlementPublicKey),
            Simulated = evidence.Simulated,
        });
    }
}
