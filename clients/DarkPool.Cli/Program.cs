using DarkPool.Cli;

// darkpool: docs/CLI.md. Exit codes: 0 success, 1 failure, 2 usage error.
return await DarkPoolCli.RunAsync(args, Console.Out, Console.Error);
