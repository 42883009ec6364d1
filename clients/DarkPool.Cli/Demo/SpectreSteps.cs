using Spectre.Console;

namespace DarkPool.Cli.Demo;

/// <summary>The demo's progress as a live Spectre progress display (one bar per step).</summary>
internal sealed class SpectreSteps(ProgressContext context) : IDemoSteps
{
    public IDemoStep Start(string description, int total = 1) => new Step(context.AddTask(Markup.Escape(description), maxValue: total), description);

    private sealed class Step(ProgressTask task, string description) : IDemoStep
    {
        public void Advance() => task.Increment(1);

        public void Done(string note)
        {
            task.Description = Markup.Escape($"{description}: {note}");
            task.Value = task.MaxValue;
            task.StopTask();
        }
    }
}
