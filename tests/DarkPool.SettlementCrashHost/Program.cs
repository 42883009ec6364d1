using DarkPool.Chain.Batches;
using DarkPool.Chain.Embedded;
using DarkPool.Enclave.Settlement;
using DarkPool.Host;
using Microsoft.Extensions.Logging.Abstractions;

// dotnet DarkPool.SettlementCrashHost.dll <data folder> <embedded chain folder>
// Prints "signed <sequence> <batch hash>" once the signature of every pending batch is durable, then waits for SIGKILL.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: DarkPool.SettlementCrashHost <data folder> <embedded chain folder>");
    return 2;
}

SettlementDomain domain;
await using (EmbeddedChain chain = EmbeddedChain.Open(args[1]))
{
    domain = chain.Domain;
}

if (!EnclaveHost.TryStart(new EnclaveHostOptions { DataFolder = args[0] }, NullLogger.Instance, out EnclaveHost? host, out string? error))
{
    Console.WriteLine($"refused {error}");
    return 1;
}

_ = await host.SubmitOperatorAsync(SettlementRecords.Cut(0));
foreach (ulong sequence in host.Settlement.Unconfirmed)
{
    SignedBatch batch = await host.Settlement.SignAsync(sequence, domain);
    Console.WriteLine($"signed {sequence} {batch.Hash}");
}

Console.Out.Flush();
await Task.Delay(Timeout.Infinite);
return 0;
