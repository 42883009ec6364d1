using CsCheck;
using DarkPool.Testing;

namespace DarkPool.Engine.Tests.Properties;

/// <summary>
/// The fast book against the reference book: the same random command streams must give the same
/// events, command by command, and the same state hash, with every internal invariant holding after
/// every command and funds conserved (supply moves only by deposits and withdrawals).
/// </summary>
public sealed class BookEquivalenceTests
{
    /// <summary>500 streams of 2,000 commands: one million commands per run.</summary>
    private const int Streams = 500;
    private const int StreamLength = 2_000;

    [Fact]
    public void RandomStreams_FastAndReferenceBooks_EmitIdenticalEventsAndHashes()
    {
        CommandGen.Stream(StreamLength).Sample(RunLockstep, iter: Streams, print: Describe);
    }

    private static void RunLockstep(Command[] stream)
    {
        var fast = new EngineDriver(BookKind.Fast, CommandGen.Options(BookKind.Fast));
        var reference = new EngineDriver(BookKind.Reference, CommandGen.Options(BookKind.Reference));
        var supply = new long[4];
        Command[] prelude = CommandGen.Prelude();
        for (int i = 0; i < prelude.Length + stream.Length; i++)
        {
            Command command = i < prelude.Length ? prelude[i] : stream[i - prelude.Length];
            fast.Run(command);
            reference.Run(command);
            if (!fast.Sink.Lines.SequenceEqual(reference.Sink.Lines))
            {
                throw new InvalidOperationException(
                    $"Command {i} ({command.Type}): events differ.\nfast:\n  {string.Join("\n  ", fast.Sink.Lines)}\nreference:\n  {string.Join("\n  ", reference.Sink.Lines)}");
            }

            if (fast.Engine.ComputeStateHash() != reference.Engine.ComputeStateHash())
            {
                throw new InvalidOperationException($"Command {i} ({command.Type}): state hashes differ.");
            }

            foreach (EngineEvent e in fast.Sink.Events)
            {
                if (e.Type == EventType.Deposited)
                {
                    supply[e.Asset] += e.Amount;
                }
                else if (e.Type == EventType.Withdrawn)
                {
                    supply[e.Asset] -= e.Amount;
                }
            }

            for (int asset = 0; asset < supply.Length; asset++)
            {
                if (fast.Engine.GetSupply(asset) != supply[asset])
                {
                    throw new InvalidOperationException($"Command {i}: supply of asset {asset} moved without a deposit or withdrawal.");
                }
            }
        }
    }

    private static string Describe(Command[] stream) =>
        string.Join("\n", stream.Select(c =>
            $"{c.Type} a={c.Account} m={c.Market} id={c.OrderId} {c.Side} {c.OrderType} {c.TimeInForce} p={c.Price} q={c.Quantity} " +
            $"budget={c.Budget} stp={c.Stp} flags={c.Flags} asset={c.Asset} amt={c.Amount}"));
}
