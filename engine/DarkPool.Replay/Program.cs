using System.Text;

namespace DarkPool.Replay;

/// <summary>Entry point: replays a JSON Lines command file through the engine and prints its events.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        using var stdin = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false));
        using Stream stdout = Console.OpenStandardOutput();
        return CommandLine.Run(args, stdin, stdout, Console.Error);
    }
}
