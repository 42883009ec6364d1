namespace DarkPool.Enclave.Tests.Sessions;

/// <summary>The test vectors as docs/PROTOCOL.md prints them: the block between the test-vectors markers.</summary>
internal sealed class ProtocolVectors
{
    private readonly Dictionary<string, string> _values;

    private ProtocolVectors(Dictionary<string, string> values) => _values = values;

    public static ProtocolVectors Load()
    {
        string path = Path.Combine(RepositoryRoot(), "docs", "PROTOCOL.md");
        string text = File.ReadAllText(path);
        int begin = text.IndexOf("<!-- test-vectors:begin -->", StringComparison.Ordinal);
        int end = text.IndexOf("<!-- test-vectors:end -->", StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, "docs/PROTOCOL.md has no test-vectors block");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        string? current = null;
        foreach (string line in text[begin..end].Split('\n'))
        {
            if (line.StartsWith("```", StringComparison.Ordinal) || line.StartsWith('#') || line.StartsWith("<!--", StringComparison.Ordinal) || line.Length == 0)
            {
                continue;
            }

            if (char.IsWhiteSpace(line[0]))
            {
                Assert.NotNull(current);
                values[current] += line.Trim();
                continue;
            }

            int equals = line.IndexOf('=', StringComparison.Ordinal);
            Assert.True(equals > 0, $"not a vector line: {line}");
            current = line[..equals].Trim();
            values.Add(current, line[(equals + 1)..].Trim());
        }

        return new ProtocolVectors(values);
    }

    public string Text(string name) => _values.TryGetValue(name, out string? value) ? value : throw new KeyNotFoundException(name);

    public byte[] Bytes(string name) => Convert.FromHexString(Text(name));

    public long Int64(string name) => long.Parse(Text(name), System.Globalization.CultureInfo.InvariantCulture);

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DarkPool.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("DarkPool.sln not found above the test output folder.");
    }
}
