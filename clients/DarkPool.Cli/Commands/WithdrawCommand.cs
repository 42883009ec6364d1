using System.CommandLine;
using DarkPool.Cli.Internal;
using DarkPool.Protocol.Messages;

namespace DarkPool.Cli.Commands;

/// <summary>
/// <c>withdraw ASSET AMOUNT</c>: a sealed withdrawal from the dark wallet to the account's own address. The enclave debits
/// the wallet at once; the chain pays it with the next settlement batch (docs/SETTLEMENT.md).
/// </summary>
internal sealed class WithdrawCommand : ICliCommand
{
    public Command Build(CliContext context)
    {
        var asset = new Argument<int>("asset") { Description = "asset id" };
        var amount = new Argument<long>("amount") { Description = "asset units" };
        var command = new Command("withdraw", "Withdraw from the dark wallet to your account's address (paid on chain by the next settlement batch).")
        {
            asset, amount,
        };
        Parsing.Check(command, r =>
        {
            if (r.GetValue(amount) <= 0)
            {
                r.AddError("amount must be positive");
            }
        });
        context.SetAction(command, async (parse, output, cancellationToken) =>
        {
            await using TraderSession session = await context.ConnectAsync(parse, output, cancellationToken).ConfigureAwait(false);
            var answers = Answers.Of(await session.Client.WithdrawAsync(parse.GetValue(asset), parse.GetValue(amount), cancellationToken).ConfigureAwait(false), "the withdrawal")
                .Select(EventDocument.From).ToList();
            EventDocument? rejected = answers.FirstOrDefault(a => a.Kind == Names.Of(ResponseKind.RequestRejected));
            EventTable.Print(output, rejected is null, rejected is null
                ? $"withdrawal of {parse.GetValue(amount)} of asset {parse.GetValue(asset)} accepted for {session.Account}; the chain pays it with the next settlement batch"
                : $"withdrawal REJECTED: {rejected.Reason}", answers);
            return rejected is null ? DarkPoolCli.ExitSuccess : DarkPoolCli.ExitFailure;
        });
        return command;
    }
}
