using System.Text.Json;

namespace DarkPool.Audit.Tests.Support;

/// <summary>Writes policy files (docs/ATTESTATION.md §7) for a test.</summary>
internal static class PolicyFile
{
    /// <summary>A policy for a simulated deployment: its measurement, simulation allowed, plus any <paramref name="overrides"/>.</summary>
    public static string Simulated(string folder, string measurement, params (string Field, object? Value)[] overrides)
    {
        var fields = new Dictionary<string, object?>
        {
            ["mrenclave"] = new[] { measurement },
            ["allow_simulation"] = true,
        };
        foreach ((string field, object? value) in overrides)
        {
            if (value is null)
            {
                fields.Remove(field);
            }
            else
            {
                fields[field] = value;
            }
        }

        return Write(folder, JsonSerializer.Serialize(fields));
    }

    /// <summary>A policy file with exactly <paramref name="text"/>.</summary>
    public static string Write(string folder, string text)
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, $"policy-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, text);
        return path;
    }
}
