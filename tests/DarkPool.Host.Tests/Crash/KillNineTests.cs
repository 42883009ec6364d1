using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using DarkPool.Host.Tests.Storage;

namespace DarkPool.Host.Tests.Crash;

/// <summary>
/// A real crash: the host runs as a child process (real files, real fsync) under a trading load and is killed with
/// SIGKILL at random moments, then restarted on the same data folder. Every answered record must come back, and where
/// the recovered head is the end of a batch the child reported, the recovered state hash must equal the one it had there.
/// </summary>
public sealed class KillNineTests
{
    private const int Cycles = 20;

    [Fact]
    public void Host_KilledUnderLoadTwentyTimes_RecoversEveryAnsweredRecordAndTheCommittedHash()
    {
        using var folder = new TempFolder();
        var random = new Random(20261206);
        var commits = new Dictionary<long, long>();
        long maxAnswered = 0;
        int hashesCompared = 0;
        int snapshotsUsed = 0;
        for (int cycle = 0; cycle <= Cycles; cycle++)
        {
            using var child = Child.Start(folder.Path, cycle);
            (long head, long hash, long snapshot) = child.WaitForRecovered();
            Assert.True(head >= maxAnswered, $"cycle {cycle}: record {maxAnswered} was answered before the kill, recovery ends at {head}");
            if (commits.TryGetValue(head, out long expected))
            {
                Assert.Equal(expected, hash);
                hashesCompared++;
            }

            snapshotsUsed += snapshot > 0 ? 1 : 0;
            foreach (long lost in commits.Keys.Where(k => k > head).ToList())
            {
                commits.Remove(lost);
            }

            if (cycle == Cycles)
            {
                break;
            }

            // Under load: wait for answers to flow, then kill at a random moment. Until one snapshot is durable, a cycle
            // also waits for one first (on a slow or busy machine the kills could otherwise always come before the
            // background write ends, and no recovery would start from a snapshot).
            child.WaitForAnswers(random.Next(20, 400));
            if (snapshotsUsed == 0)
            {
                child.WaitForSnapshot();
            }

            Thread.Sleep(random.Next(0, 300));
            child.Kill();
            foreach ((long durable, long at) in child.Commits)
            {
                commits[durable] = at;
            }

            maxAnswered = Math.Max(head, child.MaxAnswered);
        }

        // Not blind: recovered heads were reported batch ends often enough to compare hashes, and snapshots were used.
        Assert.True(hashesCompared >= 3, $"only {hashesCompared} recovered heads were batch ends");
        Assert.True(snapshotsUsed >= 3, $"only {snapshotsUsed} recoveries started from a snapshot");
    }

    private sealed class Child : IDisposable
    {
        private readonly Process _process;
        private readonly BlockingCollection<string> _lines = [];
        private readonly List<string> _all = [];
        private readonly Task _reader;

        private Child(Process process)
        {
            _process = process;
            _reader = Task.Run(() =>
            {
                while (process.StandardOutput.ReadLine() is { } line)
                {
                    _lines.Add(line);
                }

                _lines.CompleteAdding();
            });
        }

        public List<(long Durable, long Hash)> Commits { get; } = [];

        public long MaxAnswered { get; private set; }

        public static Child Start(string data, int seed)
        {
            string dll = Path.Combine(AppContext.BaseDirectory, "DarkPool.CrashHost.dll");
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.ArgumentList.Add(dll);
            info.ArgumentList.Add(data);
            info.ArgumentList.Add(seed.ToString(CultureInfo.InvariantCulture));
            Process process = Process.Start(info) ?? throw new InvalidOperationException("the host did not start");
            process.ErrorDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            return new Child(process);
        }

        public (long Head, long Hash, long Snapshot) WaitForRecovered()
        {
            string line = Next() ?? throw new InvalidOperationException($"the host exited without recovering: {string.Join(" | ", _all)}");
            string[] parts = line.Split(' ');
            Assert.True(parts[0] == "recovered", $"the host refused to start: {line}");
            return (long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture), long.Parse(parts[3], CultureInfo.InvariantCulture));
        }

        public void WaitForAnswers(int count)
        {
            int answers = 0;
            while (answers < count && Next() is { } line)
            {
                answers += line.StartsWith("ack ", StringComparison.Ordinal) ? 1 : 0;
            }

            Assert.True(answers >= count, $"the host stopped answering: {string.Join(" | ", _all.TakeLast(5))}");
        }

        public void WaitForSnapshot()
        {
            while (Next() is { } line)
            {
                if (line.StartsWith("snapshot ", StringComparison.Ordinal))
                {
                    return;
                }
            }

            Assert.Fail($"the host stopped before a snapshot was durable: {string.Join(" | ", _all.TakeLast(5))}");
        }

        public void Kill()
        {
            _process.Kill();
            _process.WaitForExit();
            _reader.Wait();
            while (Next() is not null)
            {
            }
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit();
            }

            _process.Dispose();
        }

        private string? Next()
        {
            if (!_lines.TryTake(out string? line, TimeSpan.FromSeconds(60)))
            {
                return null;
            }

            _all.Add(line);
            string[] parts = line.Split(' ');
            if (parts[0] == "state")
            {
                Commits.Add((long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture)));
            }
            else if (parts[0] == "ack")
            {
                MaxAnswered = Math.Max(MaxAnswered, long.Parse(parts[1], CultureInfo.InvariantCulture));
            }

            return line;
        }
    }
}
