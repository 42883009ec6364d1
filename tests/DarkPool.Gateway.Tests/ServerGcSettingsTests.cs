using System.Text.Json;
using DarkPool.Server;

namespace DarkPool.Gateway.Tests;

/// <summary>The collector setting the server runs with: where it comes from, and the banner's warning when it is missing.</summary>
public sealed class ServerGcSettingsTests
{
    [Fact]
    public void LaunchProfile_SetsTheYoungGeneration_ToTheServersValue()
    {
        // dotnet run (the README's run command) takes the environment from this file.
        string path = Path.Combine(RepositoryRoot(), "gateway", "DarkPool.Server", "Properties", "launchSettings.json");
        using JsonDocument settings = JsonDocument.Parse(File.ReadAllText(path));
        JsonElement profile = settings.RootElement.GetProperty("profiles").GetProperty("DarkPool.Server");

        Assert.Equal("Project", profile.GetProperty("commandName").GetString());
        Assert.Equal(ServerGcSettings.YoungGenerationValue,
            profile.GetProperty("environmentVariables").GetProperty(ServerGcSettings.YoungGenerationVariable).GetString());
        Assert.Equal(128 * 1024 * 1024, Convert.ToInt32(ServerGcSettings.YoungGenerationValue, 16));
    }

    [Fact]
    public void Warning_OnlyWhenTheVariableIsMissing_NamingItAndItsValue()
    {
        Assert.Null(ServerGcSettings.Warning(name => name == "DOTNET_GCgen0size" ? "0x8000000" : null));

        Assert.NotNull(ServerGcSettings.Warning(_ => ""));
        string? warning = ServerGcSettings.Warning(_ => null);

        Assert.NotNull(warning);
        Assert.Contains("DOTNET_GCgen0size=0x8000000", warning, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "DarkPool.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("DarkPool.sln not found above " + AppContext.BaseDirectory);
    }
}
