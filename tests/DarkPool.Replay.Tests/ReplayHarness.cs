using System.Text;
using DarkPool.Engine;

namespace DarkPool.Replay.Tests;

/// <summary>Runs the replayer in-process on a string and returns its output lines.</summary>
internal static class ReplayHarness
{
    public static string ExamplePath(string name) => Path.Combine(AppContext.BaseDirectory, "examples", name);

    public static string[] ExampleNames() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "examples"), "*.jsonl").Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    /// <summary>Replays <paramref name="input"/>; by default with the engine's consistency check after every line.</summary>
    public static string RunToText(string input, BookKind book = BookKind.Fast, bool hash = false, bool check = true)
    {
        using var output = new MemoryStream();
        Replayer.Run(new StringReader(input), output, new ReplayOptions { Book = book, PrintHash = hash, CheckConsistency = check });
        return Encoding.UTF8.GetString(output.ToArray());
    }

    public static string[] Run(string input, BookKind book = BookKind.Fast, bool hash = false) => Lines(RunToText(input, book, hash));

    /// <summary>Lines of one command each, joined with newlines.</summary>
    public static string[] Run(params string[] commandLines) => Run(string.Join('\n', commandLines));

    public static string[] Lines(string text)
    {
        Assert.True(text.Length == 0 || text.EndsWith('\n'), "Output must end with a newline.");
        return text.Length == 0 ? [] : text[..^1].Split('\n');
    }

    /// <summary>A market BTC-USDC (tick 1, lot 1, no fees) with funded accounts U1 and U2.</summary>
    public static readonly string[] Setup =
    [
        """{"cmd":"market","market":"BTC-USDC","base":"BTC","quote":"USDC","tickSize":1,"lotSize":1}""",
        """{"cmd":"deposit","account":"U1","asset":"USDC","amount":1000000}""",
        """{"cmd":"deposit","account":"U1","asset":"BTC","amount":1000}""",
        """{"cmd":"deposit","account":"U2","asset":"USDC","amount":1000000}""",
        """{"cmd":"deposit","account":"U2","asset":"BTC","amount":1000}""",
    ];

    /// <summary>Runs <see cref="Setup"/> then the given lines, and returns only the output after the setup's.</summary>
    public static string[] RunAfterSetup(params string[] commandLines) => Run([.. Setup, .. commandLines])[Setup.Length..];
}
