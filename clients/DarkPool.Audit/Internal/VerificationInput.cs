using DarkPool.Attestation.Binding;
using DarkPool.Attestation.Verification;

namespace DarkPool.Audit.Internal;

/// <summary>What one verify-quote run verifies, and with what.</summary>
internal sealed record VerificationInput(
    string Source,
    byte[] Quote,
    byte[] Root,
    string RootSource,
    string CollateralJson,
    ReportDataBinding? Binding,
    BindingMode Mode,
    NonceRegistry Nonces,
    TimeProvider Time);
