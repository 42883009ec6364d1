using DarkPool.Host.Tests.Storage;

namespace DarkPool.Host.Tests;

public sealed class HostLatencyCheckTests : IDisposable
{
    private readonly TempFolder _sys = new();

    public void Dispose() => _sys.Dispose();

    [Fact]
    public void RunningDamonMonitor_IsReported_StoppedOneIsNot()
    {
        Monitor("0", "on\n");
        Monitor("1", "off\n");

        string finding = Assert.Single(HostLatencyCheck.Findings(_sys.Path));

        Assert.Contains("DAMON monitor 0 is running", finding, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryRunningMonitor_IsReported_InOrder()
    {
        Monitor("10", "on");
        Monitor("2", "on");
        Monitor("0", "on");

        IReadOnlyList<string> findings = HostLatencyCheck.Findings(_sys.Path);

        Assert.Equal(3, findings.Count);
        Assert.Contains("monitor 0 ", findings[0], StringComparison.Ordinal);
        Assert.Contains("monitor 2 ", findings[1], StringComparison.Ordinal);
        Assert.Contains("monitor 10 ", findings[2], StringComparison.Ordinal);
    }

    [Fact]
    public void NoDamon_NoStateFile_OrAMissingSysfs_ReportNothing()
    {
        Assert.Empty(HostLatencyCheck.Findings(_sys.Path));

        Directory.CreateDirectory(Path.Combine(Kdamonds, "0"));
        Assert.Empty(HostLatencyCheck.Findings(_sys.Path));

        Assert.Empty(HostLatencyCheck.Findings(Path.Combine(_sys.Path, "does-not-exist")));
    }

    [Fact]
    public void AStateThatIsNotOn_IsNotAFinding()
    {
        Monitor("0", "garbage on\n");

        Assert.Empty(HostLatencyCheck.Findings(_sys.Path));
    }

    private string Kdamonds => Path.Combine(_sys.Path, "kernel", "mm", "damon", "admin", "kdamonds");

    private void Monitor(string name, string state)
    {
        string folder = Path.Combine(Kdamonds, name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "state"), state);
    }
}
