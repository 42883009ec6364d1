using System.Diagnostics.CodeAnalysis;
using DarkPool.Attestation.Identity;
using DarkPool.Attestation.Measurement;

namespace DarkPool.Enclave.Platform;

/// <summary>
/// What SGX's loader does with SIGSTRUCT, for the simulated platform: measure the enclave's build output, check the
/// release manifest's signature, and grant the manifest's identity only if it was signed for exactly that code.
/// </summary>
public static class EnclaveLoader
{
    /// <summary>The entry assembly of the enclave, whose closure is measured.</summary>
    public const string EnclaveAssemblyFileName = "DarkPool.Enclave.dll";

    /// <summary>Measures <paramref name="buildOutputFolder"/> and returns the identity the manifest grants it.</summary>
    public static bool TryLoadIdentity(
        string buildOutputFolder,
        ReadOnlySpan<byte> manifest,
        [NotNullWhen(true)] out EnclaveIdentity? identity,
        out EnclaveLoadError error)
    {
        identity = null;
        if (!MeasurementCalculator.TryMeasure(buildOutputFolder, EnclaveAssemblyFileName, out MeasurementReport? report, out MeasurementError measurementError))
        {
            error = new EnclaveLoadError(EnclaveLoadErrorKind.MeasurementFailed, $"{measurementError.Kind}: {measurementError.Detail}");
            return false;
        }

        if (!EnclaveManifest.TryParse(manifest, out EnclaveManifest? parsed, out ManifestError manifestError))
        {
            error = new EnclaveLoadError(EnclaveLoadErrorKind.InvalidManifest, manifestError.ToString());
            return false;
        }

        if (parsed.Identity.MrEnclave != report.Measurement)
        {
            error = new EnclaveLoadError(
                EnclaveLoadErrorKind.MeasurementMismatch,
                $"the manifest is for {parsed.Identity.MrEnclave}, the build output measures {report.Measurement}");
            return false;
        }

        identity = parsed.Identity;
        error = default;
        return true;
    }
}
