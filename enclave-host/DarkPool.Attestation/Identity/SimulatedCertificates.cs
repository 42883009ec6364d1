using System.Security.Cryptography.X509Certificates;

namespace DarkPool.Attestation.Identity;

/// <summary>
/// What marks the simulated platform's test certificates: every subject carries the organisation
/// <see cref="Organization"/>. A verifier that pins such a root treats every quote under it as simulated, whatever the
/// quote's platform flags say, since anyone holding the data folder can sign with its keys. The name is only a label:
/// a root made by other tools is not recognised, which is why a production policy pins Intel's root and nothing else.
/// </summary>
public static class SimulatedCertificates
{
    /// <summary>The organisation (O) of every certificate the simulated platform issues.</summary>
    public const string Organization = "DarkPool simulation - not for production";

    private const string OrganizationOid = "2.5.4.10";

    /// <summary>True when <paramref name="certificate"/>'s subject has the organisation <see cref="Organization"/>.</summary>
    public static bool IsSimulated(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        foreach (X500RelativeDistinguishedName name in certificate.SubjectName.EnumerateRelativeDistinguishedNames())
        {
            if (!name.HasMultipleElements
                && name.GetSingleElementType().Value == OrganizationOid
                && name.GetSingleElementValue() == Organization)
            {
                return true;
            }
        }

        return false;
    }
}
