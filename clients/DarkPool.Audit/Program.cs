using DarkPool.Audit;

// darkpool-audit: docs/ATTESTATION.md §7. Exit codes: 0 success, 1 failure, 2 usage error.
return await AuditCli.RunAsync(args, Console.Out, Console.Error);
