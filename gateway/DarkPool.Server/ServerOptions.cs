using DarkPool.Host;

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

    /// <summary>
    /// The size of the ring every session's retained envelopes share, in MiB (default 256; 1 to 2047): a client resumes
    /// its event stream from what the ring still holds (docs/GATEWAY.md).
    /// </summary>
    public int EventLogMegabytes { get; set; } = 256;

    /// <summary>
    /// The markets (<c>Server:Markets:0:Id</c>, <c>:Mode</c>, <c>:AuctionIntervalMs</c>, ...; docs/GATEWAY.md); none
    /// configured means the default market 1 (<see cref="MarketOptions.Default"/>).
    /// </summary>
    public List<MarketOptions> Markets { get; set; } = [];

    /// <summary>
    /// Binds section "Server" of <paramref name="configuration"/>. Each market is bound on its own: the collection binder
    /// silently drops an element it cannot build (a misspelt mode, a missing field), and a market must never vanish.
    /// </summary>
    /// <exception cref="InvalidOperationException">A market's settings cannot be read (the message names it).</exception>
    public static ServerOptions Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        IConfigurationSection section = configuration.GetSection("Server");
        ServerOptions options = section.Get<ServerOptions>() ?? new ServerOptions();
        options.Markets = [.. section.GetSection(nameof(Markets)).GetChildren().Select(ReadMarket)];
        return options;
    }

    private static MarketOptions ReadMarket(IConfigurationSection market)
    {
        try
        {
            return market.Get<MarketOptions>() ?? throw new InvalidOperationException("it is empty.");
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"{market.Path}: {e.Message}", e);
        }
    }

    /// <summary>The enclave host's options from these settings.</summary>
    public EnclaveHostOptions ToHostOptions() => new()
    {
        DataFolder = DataFolder,
        EventLogBytes = EventLogMegabytes * 1024 * 1024,
        Markets = Markets.Count == 0 ? [MarketOptions.Default] : [.. Markets],
    };

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

        if (EventLogMegabytes is < 1 or > 2047)
        {
            throw new InvalidOperationException($"Server:EventLogMegabytes {EventLogMegabytes} is out of range (1 to 2047).");
        }

        if (!System.Net.IPAddress.TryParse(ListenAddress, out _))
        {
            throw new InvalidOperationException($"Server:ListenAddress '{ListenAddress}' is not an IP address.");
        }

        if (TlsCertificatePath.Length > 0 && !File.Exists(TlsCertificatePath))
        {
            throw new InvalidOperationException($"Server:TlsCertificatePath '{TlsCertificatePath}' does not exist.");
        }

        try
        {
            ToHostOptions().ValidateMarkets();
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"Server:Markets: {e.Message}", e);
        }
    }
}
