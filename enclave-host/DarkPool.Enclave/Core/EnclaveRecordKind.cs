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

    /// <summary>
    /// A request envelope the session table accepted, as the enclave opened it: the envelope's clear header, its padded
    /// plaintext where the ciphertext was, and its tag; exactly as long as the <see cref="Envelope"/> record of the same
    /// envelope. Only the pipeline writes it and only replay reads it: a record of this kind never comes from outside the
    /// enclave (docs/STORAGE.md §6).
    /// </summary>
    OpenedEnvelope = 9,

    /// <summary>Settlement parameters: confirmations, batch policy (Settlement/SettlementRecords.cs).</summary>
    ChainConfig = 20,

    /// <summary>The chain token of a pool asset.</summary>
    ChainAsset = 21,

    /// <summary>An account's public key, for its encrypted settlement entries.</summary>
    AccountKey = 22,

    /// <summary>A chain deposit relayed by the host: credited after confirmations, strictly in deposit order.</summary>
    ChainDeposit = 23,

    /// <summary>The settlement timer: a batch is cut if one is due.</summary>
    SettlementCut = 24,

    /// <summary>A cut batch was signed: its hash and anchored journal head.</summary>
    BatchSigned = 25,

    /// <summary>A signed batch is on chain.</summary>
    BatchConfirmed = 26,
}
