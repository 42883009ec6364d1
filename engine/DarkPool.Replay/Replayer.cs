using DarkPool.Engine;

namespace DarkPool.Replay;

/// <summary>Feeds a JSON Lines command stream to a fresh engine and writes its events as JSON Lines.</summary>
internal static class Replayer
{
    /// <summary>Orders each fast book pre-allocates room for: scenario files are small, and the book grows if needed.</summary>
    private const int ExpectedOrdersPerMarket = 256;

    /// <summary>
    /// Replays every line of <paramref name="input"/>. A malformed line becomes an <c>error</c> event and the
    /// replay goes on. Exceptions come only from I/O or an engine failure (a bug or a failed consistency check);
    /// the events written up to then are flushed first, and the line number is in the message.
    /// </summary>
    public static void Run(TextReader input, Stream output, ReplayOptions options)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);

        var engineOptions = new EngineOptions { Book = options.Book, ExpectedOrdersPerMarket = ExpectedOrdersPerMarket };
        var names = new NameTable(engineOptions);
        using var writer = new JsonEventWriter(output, names);
        var engine = new MatchingEngine(engineOptions, writer);
        var reader = new JsonCommandReader(names);
        int lineNumber = 0;
        try
        {
            string? line;
            while ((line = input.ReadLine()) is not null)
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                if (reader.TryRead(line, out Command command, out string? error))
                {
                    Execute(engine, command, options.CheckConsistency, lineNumber);
                }
                else
                {
                    writer.WriteError(lineNumber, error);
                }

                if (options.FlushEachLine)
                {
                    writer.Flush();
                }
            }

            if (options.PrintHash)
            {
                writer.WriteState(engine.ComputeStateHash());
            }
        }
        finally
        {
            writer.Flush();
        }
    }

    private static void Execute(MatchingEngine engine, in Command command, bool check, int lineNumber)
    {
        try
        {
            engine.Execute(command);
            if (check)
            {
                engine.CheckConsistency();
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InvalidOperationException($"engine failure at line {lineNumber}: {ex.Message}", ex);
        }
    }
}
