using System.CommandLine;
using DarkPool.Audit.Internal;

namespace DarkPool.Audit.Commands;

/// <summary>What every command shares: the output streams and the <c>--format</c> option.</summary>
internal sealed class AuditCommandContext(TextWriter stdout, TextWriter stderr, Option<OutputFormat> format)
{
    /// <summary>
    /// Sets <paramref name="command"/>'s action to <paramref name="run"/>, with its output in the chosen format. An
    /// <see cref="AuditException"/> becomes its message and exit code; any other exception a one-line error and exit 1,
    /// never a stack trace.
    /// </summary>
    public void SetAction(Command command, Func<ParseResult, AuditOutput, CancellationToken, Task<int>> run)
    {
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = new AuditOutput(parse.GetValue(format), stdout, stderr);
            try
            {
                return await run(parse, output, cancellationToken).ConfigureAwait(false);
            }
            catch (AuditException e)
            {
                output.Fail(e.Message);
                return e.ExitCode;
            }
            catch (OperationCanceledException)
            {
                output.Fail("cancelled");
                return AuditCli.ExitFailure;
            }
#pragma warning disable CA1031 // The last line of defence of a command-line tool: a sentence, never a stack trace.
            catch (Exception e)
#pragma warning restore CA1031
            {
                output.Fail($"unexpected error ({e.GetType().Name}): {e.Message}");
                return AuditCli.ExitFailure;
            }
        });
    }
}
