namespace DarkPool.Server;

/// <summary>The server's settings, section "Server" (appsettings.json, DARKPOOL_Server__X environment variables, --Server:X=...).</summary>
public sealed class ServerOptions
{
    /// <summary>The data folder (platform state, sealed keys, journal). Relative paths are under the working directory.</summary>
    public string DataFolder { get; set; } = "darkpool-data";

    /// <summary>Address to listen on; loopback by default.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>Port for plaintext HTTP/2 gRPC (or TLS when a certificate is set).</summary>
    public int Port { get; set; } = 50051;

    /// <summary>PFX certificate for TLS; empty for plaintext HTTP/2.</summary>
    public string TlsCertificatePath { get; set; } = "";

    /// <summary>Password of the PFX certificate.</summary>
    public string TlsCertificatePassword { get; set; } = "";

    /// <summary>Throws with a clear message when a setting is invalid.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DataFolder))
        {
            throw new InvalidOperationException("Server:DataFolder must name a folder.");
        }

        if (Port is < 0 or > 65535)
        {
            throw new InvalidOperationException($"Server:Port {Port} is not a TCP port (0 to 65535; 0 picks a free one).");
        }

        if (!System.Net.IPAddress.TryParse(ListenAddress, out _))
        {
            throw new InvalidOperationException($"Server:ListenAddress '{ListenAddress}' is not an IP address.");
        }

        if (TlsCertificatePath.Length > 0 && !File.Exists(TlsCertificatePath))
        {
            throw new InvalidOperationException($"Server:TlsCertificatePath '{TlsCertificatePath}' does not exist.");
        }
    }
}
