namespace DarkPool.Cli.Demo;

/// <summary>One account's balance of one asset (available plus held) before and after the demo's trading.</summary>
internal sealed record BalanceMove(string Role, string Account, int Asset, long Before, long After)
{
    public long Change => After - Before;
}
