namespace DarkPool.Cli.Demo;

/// <summary>How the demo shows its progress: a Spectre progress display in a terminal, one line per step otherwise.</summary>
internal interface IDemoSteps
{
    /// <summary>Starts a step of <paramref name="total"/> units.</summary>
    IDemoStep Start(string description, int total = 1);
}

/// <summary>One step of the demo.</summary>
internal interface IDemoStep
{
    /// <summary>One more unit done.</summary>
    void Advance();

    /// <summary>The step is complete; <paramref name="note"/> says what it achieved.</summary>
    void Done(string note);
}
