namespace DarkPool.Server;

/// <summary>
/// The settlement chain, section "Chain" (docs/SETTLEMENT.md, "Running a server"). By default the embedded chain in
/// <c>&lt;data&gt;/chain/</c>; <c>Chain:Backend=evm</c> uses the Solidity contract on a JSON-RPC node instead.
/// </summary>
public sealed class ChainOptions
{
    /// <summary>"embedded" (default) or "evm".</summary>
    public string Backend { get; set; } = "embedded";

    /// <summary>EVM: the node's JSON-RPC address (ignored when <see cref="StartAnvil"/> is set).</summary>
    public string RpcUrl { get; set; } = "";

    /// <summary>EVM: an existing settlement contract; empty deploys one on first start and remembers it in the data folder.</summary>
    public string Contract { get; set; } = "";

    /// <summary>EVM: the block <see cref="Contract"/> was deployed in.</summary>
    public ulong DeploymentBlock { get; set; }

    /// <summary>EVM: start anvil (from the npm package) on loopback with its state in <c>&lt;data&gt;/anvil-state.json</c>.</summary>
    public bool StartAnvil { get; set; }

    /// <summary>The anvil binary; empty looks for the pinned npm package under enclave-host/DarkPool.Chain/contracts.</summary>
    public string AnvilPath { get; set; } = "";

    /// <summary>EVM: give the governance key 1000 ether with anvil_setBalance at start (anvil only; on by default with <see cref="StartAnvil"/>).</summary>
    public bool FundWithAnvil { get; set; }

    /// <summary>Confirmations a deposit needs before it is credited (1: its own block).</summary>
    public ulong Confirmations { get; set; } = 1;

    /// <summary>A batch is cut at least this often while anything is pending, milliseconds.</summary>
    public int BatchIntervalMs { get; set; } = 2000;

    /// <summary>A batch is cut as soon as this many fills are pending.</summary>
    public int BatchMaxFills { get; set; } = 1000;

    /// <summary>
    /// The least time between two cuts, milliseconds (at least 0; a value above <see cref="BatchIntervalMs"/> counts as
    /// that interval): each cut encrypts an entry for every account active since the last one, so under load the fill
    /// count alone would cut at every poll.
    /// </summary>
    public int BatchMinIntervalMs { get; set; } = 1000;

    /// <summary>How often the relay polls the chain for deposits and the enclave for batches, milliseconds.</summary>
    public int PollIntervalMs { get; set; } = 200;

    /// <summary>True for the EVM backend.</summary>
    public bool IsEvm => string.Equals(Backend, "evm", StringComparison.OrdinalIgnoreCase);

    /// <summary>The host relay's settings.</summary>
    public DarkPool.Host.Settlement.SettlementRelayOptions ToRelayOptions() => new()
    {
        Confirmations = Confirmations,
        BatchMaxFills = BatchMaxFills,
        BatchInterval = TimeSpan.FromMilliseconds(BatchIntervalMs),
        BatchMinInterval = TimeSpan.FromMilliseconds(Math.Min(BatchMinIntervalMs, BatchIntervalMs)),
        PollInterval = TimeSpan.FromMilliseconds(PollIntervalMs),
    };

    /// <summary>Throws with a clear message when a setting is invalid.</summary>
    public void Validate()
    {
        if (!IsEvm && !string.Equals(Backend, "embedded", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Chain:Backend '{Backend}' is not 'embedded' or 'evm'.");
        }

        if (IsEvm && !StartAnvil && !Uri.TryCreate(RpcUrl, UriKind.Absolute, out _))
        {
            throw new InvalidOperationException("Chain:Backend=evm needs Chain:RpcUrl=http://host:port or Chain:StartAnvil=true.");
        }

        if (Contract.Length > 0 && !Contract.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Chain:Contract '{Contract}' is not a 0x address.");
        }

        if (Confirmations < 1)
        {
            throw new InvalidOperationException("Chain:Confirmations is at least 1.");
        }

        if (BatchIntervalMs < 10 || BatchMaxFills < 1 || PollIntervalMs < 10)
        {
            throw new InvalidOperationException("Chain:BatchIntervalMs and Chain:PollIntervalMs are at least 10, Chain:BatchMaxFills at least 1.");
        }

        if (BatchMinIntervalMs < 0)
        {
            throw new InvalidOperationException("Chain:BatchMinIntervalMs is at least 0.");
        }
    }
}
