using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DarkPool.Attestation.Collateral;

namespace DarkPool.Enclave.Tests.Support;

/// <summary>
/// The test PKI read back from a simulated platform's data folder, so that a test can sign collateral with the real
/// keys (a QE Identity that does not match, a TCB Info for another PCE) as a compromised provisioning service would.
/// </summary>
internal sealed class DataFolderPki : IDisposable
{
    private readonly X509Certificate2[] _certificates;
    private readonly ECDsa[] _keys;

    public DataFolderPki(string dataFolder)
    {
        string[] names = ["root-ca", "platform-ca", "tcb-signing"];
        _certificates = names.Select(n => X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(dataFolder, n + ".pem")))).ToArray();
        _keys = names.Select(n =>
        {
            var key = ECDsa.Create();
            key.ImportFromPem(File.ReadAllText(Path.Combine(dataFolder, n + ".key.pem")));
            return key;
        }).ToArray();
        Issuer = new CollateralIssuer(_certificates[0], _keys[0], _certificates[1], _keys[1], _certificates[2], _keys[2]);
    }

    public CollateralIssuer Issuer { get; }

    public void Dispose()
    {
        foreach (X509Certificate2 certificate in _certificates)
        {
            certificate.Dispose();
        }

        foreach (ECDsa key in _keys)
        {
            key.Dispose();
        }
    }
}
