using System.Text.Json;
using DarkPool.Chain;

namespace DarkPool.Host.Settlement;

/// <summary>
/// The asset-to-token map of one chain, kept in the data folder (<c>chain-assets.json</c>) so that a restart finds the
/// development tokens it created. Written crash-safe (temp file, flush, rename).
/// </summary>
public static class SettlementAssetFile
{
    /// <summary>The file name in the data folder.</summary>
    public const string FileName = "chain-assets.json";

    private sealed record Row(int Asset, string Symbol, string Token);

    /// <summary>Reads the map; empty when the file does not exist. Throws <see cref="InvalidDataException"/> when it does not parse.</summary>
    public static IReadOnlyList<SettlementAsset> Load(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        try
        {
            Row[] rows = JsonSerializer.Deserialize<Row[]>(File.ReadAllText(path)) ?? [];
            return [.. rows.Select(r => new SettlementAsset(r.Asset, r.Symbol, EthAddress.Parse(r.Token)))];
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException)
        {
            throw new InvalidDataException($"{path} is not an asset map: {e.Message}", e);
        }
    }

    /// <summary>Replaces the map.</summary>
    public static void Save(string path, IReadOnlyList<SettlementAsset> assets)
    {
        ArgumentNullException.ThrowIfNull(assets);
        string temporary = path + ".tmp";
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(assets.Select(a => new Row(a.Asset, a.Symbol, a.Token.ToString())).ToArray(),
            new JsonSerializerOptions { WriteIndented = true });
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(json);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
