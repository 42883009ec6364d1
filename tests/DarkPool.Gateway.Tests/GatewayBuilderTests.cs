using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;

namespace DarkPool.Gateway.Tests;

/// <summary>
/// The server's host builder reads its configuration files once: the default reload-on-change put a file-system watch on
/// every folder under the working directory, and every journal write into a data folder below it woke the watcher.
/// </summary>
public sealed class GatewayBuilderTests
{
    [Fact]
    public async Task CreateGatewayBuilder_ReadsTheSettingsFilesWithoutWatchingThem()
    {
        await using WebApplication app = GatewayExtensions.CreateGatewayBuilder().Build();

        JsonConfigurationProvider[] files = JsonFiles(app);
        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.False(f.Source.ReloadOnChange, $"{f.Source.Path} is watched"));
    }

    [Fact]
    public async Task CreateBuilder_ByDefault_WatchesTheSettingsFiles()
    {
        // What CreateGatewayBuilder turns off; if a runtime stopped watching by default, the test above would pass for
        // nothing and this one says so.
        await using WebApplication app = WebApplication.CreateBuilder().Build();

        Assert.Contains(JsonFiles(app), f => f.Source.ReloadOnChange);
    }

    [Fact]
    public async Task CreateGatewayBuilder_KeepsTheCommandLine()
    {
        await using WebApplication app = GatewayExtensions.CreateGatewayBuilder(["--Server:Port=50123", "--Gateway:MaxRequestsPerSecond=7"]).Build();

        Assert.Equal("50123", app.Configuration["Server:Port"]);
        Assert.Equal("7", app.Configuration["Gateway:MaxRequestsPerSecond"]);
    }

    [Fact]
    public async Task CreateGatewayBuilder_ACommandLineAskingForReload_StillDoesNotWatch()
    {
        // The server never re-reads its options after validating them at start, so a reload cannot be asked for.
        await using WebApplication app = GatewayExtensions.CreateGatewayBuilder([$"--{GatewayExtensions.ReloadConfigOnChangeKey}=true"]).Build();

        Assert.All(JsonFiles(app), f => Assert.False(f.Source.ReloadOnChange));
    }

    [Fact]
    public async Task CreateGatewayBuilder_ADanglingSwitchAtTheEnd_DoesNotSwallowTheSetting()
    {
        // The command-line parser gives a switch without a value the next argument as its value.
        await using WebApplication app = GatewayExtensions.CreateGatewayBuilder(["--Server:Port=50123", "--Server:DataFolder"]).Build();

        Assert.All(JsonFiles(app), f => Assert.False(f.Source.ReloadOnChange));
        Assert.Equal("50123", app.Configuration["Server:Port"]);
    }

    private static JsonConfigurationProvider[] JsonFiles(WebApplication app) =>
        ((IConfigurationRoot)app.Configuration).Providers.OfType<JsonConfigurationProvider>().ToArray();
}
