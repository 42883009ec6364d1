using DarkPool.Attestation.Binding;
using DarkPool.Enclave.Runtime;
using DarkPool.Gateway.Internal;
using DarkPool.Gateway.V1;
using DarkPool.Host;
using Google.Protobuf;
using Grpc.Core;

namespace DarkPool.Gateway.Services;

/// <summary>Evidence for a client's nonce.</summary>
internal sealed class AttestationService(EnclaveHost host) : V1.Attestation.AttestationBase
{
    public override Task<Evidence> GetEvidence(GetEvidenceRequest request, ServerCallContext context)
    {
        if (request.Nonce.Length != ReportDataBinding.NonceSize)
        {
            throw GatewayErrors.BadArgument("nonce", $"The nonce is {ReportDataBinding.NonceSize} random bytes.");
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
