using System.Text.Json;
using DarkPool.Cli.Internal;
using DarkPool.Protocol.Accounts;

namespace DarkPool.Cli.Tests;

public sealed class KeysCommandTests : IDisposable
{
    private const string PrivateKey = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
    private readonly string _folder = Directory.CreateTempSubdirectory("dp-cli-keys-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task KeysCreate_WritesAnOwnerOnlyFile_AndNeverPrintsThePrivateKey()
    {
        string key = Path.Combine(_folder, "sub", "key.json");

        CliRun run = await CliRun.InProcessAsync("keys", "create", "--key", key, "--format", "json");

        Assert.True(run.Code == 0, run.ToString());
        JsonElement d = run.Json();
        string address = d.GetProperty("address").GetString()!;
        Assert.False(d.GetProperty("encrypted").GetBoolean());
        Assert.Contains("not encrypted", run.Stderr);
        using JsonDocument file = JsonDocument.Parse(File.ReadAllText(key));
        string secret = file.RootElement.GetProperty("private_key").GetString()!;
        Assert.Equal(64, secret.Length);
        Assert.DoesNotContain(secret, run.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(secret, run.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(address, file.RootElement.GetProperty("address").GetString());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        }

        CliRun again = await CliRun.InProcessAsync("keys", "create", "--key", key);
        Assert.Equal(1, again.Code);
        Assert.Contains("--force", again.Stderr);
    }

    [Fact]
    public async Task KeysImport_ThenShowAndExport_SameAccount_ExportOnlyWithReveal()
    {
        string secret = Path.Combine(_folder, "secret.txt");
        await File.WriteAllTextAsync(secret, "0x" + PrivateKey + "\n");
        string key = Path.Combine(_folder, "key.json");
        using Secp256k1AccountKey expected = Secp256k1AccountKey.FromPrivateKey(Convert.FromHexString(PrivateKey));

        CliRun import = await CliRun.InProcessAsync("keys", "import", "--private-key-file", secret, "--key", key, "--format", "json");
        CliRun show = await CliRun.InProcessAsync("keys", "show", "--key", key);
        CliRun refused = await CliRun.InProcessAsync("keys", "export", "--key", key);
        CliRun export = await CliRun.InProcessAsync("keys", "export", "--reveal", "--key", key);

        Assert.True(import.Code == 0, import.ToString());
        Assert.Equal(expected.Address.ToString(), import.Json().GetProperty("address").GetString());
        Assert.DoesNotContain(PrivateKey, import.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, show.Code);
        Assert.Contains(expected.Address.ToString(), show.Stdout);
        Assert.DoesNotContain(PrivateKey, show.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, refused.Code);
        Assert.Contains("--reveal", refused.Stderr);
        Assert.DoesNotContain(PrivateKey, refused.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, export.Code);
        Assert.Equal(PrivateKey, export.Stdout.Trim());
    }

    [Fact]
    public async Task KeysImport_NotAKey_IsAUsageError()
    {
        string secret = Path.Combine(_folder, "bad.txt");
        await File.WriteAllTextAsync(secret, "not hex at all");
        string zero = Path.Combine(_folder, "zero.txt");
        await File.WriteAllTextAsync(zero, new string('0', 64));

        CliRun notHex = await CliRun.InProcessAsync("keys", "import", "--private-key-file", secret, "--key", Path.Combine(_folder, "k1.json"));
        CliRun zeroKey = await CliRun.InProcessAsync("keys", "import", "--private-key-file", zero, "--key", Path.Combine(_folder, "k2.json"));
        CliRun missing = await CliRun.InProcessAsync("keys", "import", "--key", Path.Combine(_folder, "k3.json"));

        Assert.Equal(2, notHex.Code);
        Assert.Equal(2, zeroKey.Code);
        Assert.Equal(2, missing.Code);
        Assert.False(File.Exists(Path.Combine(_folder, "k1.json")));
        notHex.AssertNoStackTrace();
    }

    [Fact]
    public async Task KeyFile_ReadableByOthers_IsRefused()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string key = Path.Combine(_folder, "open.json");
        _ = KeyFile.Write(key, Convert.FromHexString(PrivateKey), passphrase: null, force: false);
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        CliRun run = await CliRun.InProcessAsync("keys", "show", "--key", key);

        Assert.Equal(1, run.Code);
        Assert.Contains("chmod 600", run.Stderr);
    }

    [Fact]
    public async Task KeysCreate_Encrypted_NeedsThePassphraseToExport()
    {
        string key = Path.Combine(_folder, "locked.json");
        var passphrase = new Dictionary<string, string> { [KeyFile.PassphraseVariable] = "correct horse battery" };
        var wrong = new Dictionary<string, string> { [KeyFile.PassphraseVariable] = "wrong passphrase" };

        CliRun create = await CliRun.ProcessAsync(passphrase, "keys", "create", "--encrypt", "--key", key, "--format", "json");
        CliRun export = await CliRun.ProcessAsync(passphrase, "keys", "export", "--reveal", "--key", key);
        CliRun wrongExport = await CliRun.ProcessAsync(wrong, "keys", "export", "--reveal", "--key", key);
        CliRun noPassphrase = await CliRun.ProcessAsync("keys", "export", "--reveal", "--key", key);

        Assert.True(create.Code == 0, create.ToString());
        Assert.True(create.Json().GetProperty("encrypted").GetBoolean());
        string text = await File.ReadAllTextAsync(key);
        Assert.DoesNotContain("private_key", text);
        Assert.Contains(KeyFile.Encrypted, text);
        Assert.Equal(0, export.Code);
        using Secp256k1AccountKey exported = Secp256k1AccountKey.FromPrivateKey(Convert.FromHexString(export.Stdout.Trim()));
        Assert.Equal(create.Json().GetProperty("address").GetString(), exported.Address.ToString());
        Assert.Equal(1, wrongExport.Code);
        Assert.Contains("wrong passphrase", wrongExport.Stderr);
        Assert.Equal(1, noPassphrase.Code);
        Assert.Contains(KeyFile.PassphraseVariable, noPassphrase.Stderr);
        wrongExport.AssertNoStackTrace();
    }
}
