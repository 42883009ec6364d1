using DarkPool.CommandLine;

namespace DarkPool.Cli.Demo;

/// <summary>The demo's progress as lines (redirected output); nothing in JSON mode, where only the summary is printed.</summary>
internal sealed class LineSteps(ToolOutput output) : IDemoSteps
{
    private int _number;

    public IDemoStep Start(string description, int total = 1) => new Step(output, ++_number, description);

    private sealed class Step(ToolOutput output, int number, string description) : IDemoStep
    {
        public void Advance()
        {
        }

        public void Done(string note)
        {
            if (!output.IsJson)
            {
                output.Line($"[{number}] {description}: {note}");
            }
        }
    }
}
