namespace DarkPool.Enclave.Core;

/// <summary>What a journal record holds. Every change of enclave state is one of these, so replay re-derives it.</summary>
public enum EnclaveRecordKind : byte
{
    /// <summary>A verified handshake: a session opens.</summary>
    Handshake = 1,

    /// <summary>A sealed request envelope that the session table accepted.</summary>
    Envelope = 2,

    /// <summary>Operator configuration: a market is created.</summary>
    CreateMarket = 3,

    /// <summary>A deposit confirmed on chain, credited to an address.</summary>
    Deposit = 4,

    /// <summary>A reference price from the market's price source.</summary>
    Reference = 5,

    /// <summary>The auction timer fired for a market.</summary>
    Auction = 6,

    /// <summary>Time passes: closed sessions past their grace are forgotten.</summary>
    Tick = 7,

    /// <summary>A session's connection dropped: if the session chose cancel-on-disconnect, its account's orders are cancelled.</summary>
    Disconnect = 8,
}
