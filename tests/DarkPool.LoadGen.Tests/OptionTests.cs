namespace DarkPool.LoadGen.Tests;

/// <summary>The generator's on/off options: on with any value but 0.</summary>
public sealed class OptionTests
{
    [Theory]
    [InlineData("1", true)]
    [InlineData("yes", true)]
    [InlineData("0", false)]
    public void Flag_GivenWithValue_IsOnUnlessZero(string value, bool on)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal) { ["timeline"] = value };

        Assert.Equal(on, LoadClients.Flag(options, "timeline"));
        Assert.False(LoadClients.Flag(options, "alloc-sample"));
    }
}
