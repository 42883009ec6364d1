namespace DarkPool.Chain;

/// <summary>An enclave key registration: batches from <paramref name="FromSequence"/> on need this key.</summary>
/// <param name="Key">the enclave's settlement address</param>
/// <param name="FromSequence">the next batch sequence when it was registered</param>
/// <param name="BlockNumber">the block that registered it</param>
public sealed record KeyRegistration(EthAddress Key, ulong FromSequence, ulong BlockNumber);
