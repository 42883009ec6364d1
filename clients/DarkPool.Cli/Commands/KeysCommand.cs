using System.CommandLine;
using System.Security.Cryptography;
using DarkPool.Cli.Internal;
using DarkPool.CommandLine;
using DarkPool.Protocol.Accounts;
using Spectre.Console;

namespace DarkPool.Cli.Commands;

/// <summary>
/// <c>keys create | import | show | export</c>: the account key file (docs/CLI.md, "Key file"). The private key is never
/// printed, except by <c>keys export --reveal</c>; import reads it from a file or standard input, never from the
/// command line (where it would stay in the shell's history).
/// </summary>
internal sealed class KeysCommand : ICliCommand
{
    public Command Build(CliContext context)
    {
        var command = new Command("keys", "Create, import, show or export the account key (secp256k1; its Ethereum address is the account).");
        command.Subcommands.Add(Create(context));
        command.Subcommands.Add(Import(context));
        command.Subcommands.Add(Show(context));
        command.Subcommands.Add(Export(context));
        return command;
    }

    private static Option<bool> EncryptOption() => new("--encrypt")
    {
        Description = $"protect the file with a passphrase ({KeyFile.PassphraseVariable}, or asked in a terminal)",
    };

    private static Option<bool> ForceOption() => new("--force") { Description = "replace an existing key file (its key is lost unless you kept a copy)" };

    private static Command Create(CliContext context)
    {
        Option<bool> encrypt = EncryptOption();
        Option<bool> force = ForceOption();
        var command = new Command("create", "Create a new account key in the key file (--key).") { encrypt, force };
        context.SetAction(command, (parse, output, _) =>
        {
            byte[] privateKey = KeyFile.NewPrivateKey();
            try
            {
                return Task.FromResult(Written(parse, context, output, privateKey, parse.GetValue(encrypt), parse.GetValue(force), "created"));
            }
            finally
            {
                CryptographicOperations.ZeroMemory(privateKey);
            }
        });
        return command;
    }

    private static Command Import(CliContext context)
    {
        var from = new Option<string>("--private-key-file")
        {
            Description = "a file holding the private key as 64 hex digits, or - for standard input",
            Required = true,
        };
        Option<bool> encrypt = EncryptOption();
        Option<bool> force = ForceOption();
        var command = new Command("import", "Import an existing secp256k1 private key into the key file (--key).") { from, encrypt, force };
        context.SetAction(command, async (parse, output, cancellationToken) =>
        {
            string source = parse.GetValue(from)!;
            string text;
            try
            {
                text = source == "-" ? await Console.In.ReadToEndAsync(cancellationToken).ConfigureAwait(false) : await File.ReadAllTextAsync(source, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw CommandLineException.Failure($"cannot read the private key from {source}: {e.Message}");
            }

            byte[] privateKey = KeyFile.ParsePrivateKey(text);
            try
            {
                return Written(parse, context, output, privateKey, parse.GetValue(encrypt), parse.GetValue(force), "imported");
            }
            finally
            {
                CryptographicOperations.ZeroMemory(privateKey);
            }
        });
        return command;
    }

    private static Command Show(CliContext context)
    {
        var command = new Command("show", "Show the key file's account address (the private key is not printed).");
        context.SetAction(command, (parse, output, _) =>
        {
            string path = Path.GetFullPath(parse.GetValue(context.Key)!);
            (string address, bool encrypted) = KeyFile.Describe(path);
            if (!encrypted)
            {
                // Decrypting is not needed to show the address, but a clear file is checked in full.
                KeyFile.Load(path, () => null).Dispose();
            }

            Print(output, new KeyDocument(true, address, path, encrypted, "shown"));
            return Task.FromResult(DarkPoolCli.ExitSuccess);
        });
        return command;
    }

    private static Command Export(CliContext context)
    {
        var reveal = new Option<bool>("--reveal") { Description = "required: print the private key in the clear on standard output" };
        var command = new Command("export", "Print the private key (64 hex digits), e.g. to import it into a wallet. Needs --reveal.") { reveal };
        context.SetAction(command, (parse, output, _) =>
        {
            if (!parse.GetValue(reveal))
            {
                throw CommandLineException.Usage("keys export prints the private key in the clear: add --reveal to confirm");
            }

            string path = Path.GetFullPath(parse.GetValue(context.Key)!);
            byte[] privateKey = KeyFile.LoadPrivateKey(path, () => CliContext.Passphrase(output));
            try
            {
                using Secp256k1AccountKey key = Secp256k1AccountKey.FromPrivateKey(privateKey);
                string hex = Convert.ToHexStringLower(privateKey);
                if (output.IsJson)
                {
                    output.Json(new ExportDocument(true, key.Address.ToString(), hex));
                }
                else
                {
                    output.Line(hex);
                }
            }
            finally
            {
                CryptographicOperations.ZeroMemory(privateKey);
            }

            return Task.FromResult(DarkPoolCli.ExitSuccess);
        });
        return command;
    }

    private static int Written(ParseResult parse, CliContext context, ToolOutput output, byte[] privateKey, bool encrypt, bool force, string action)
    {
        string path = Path.GetFullPath(parse.GetValue(context.Key)!);
        string? passphrase = null;
        if (encrypt)
        {
            passphrase = CliContext.Passphrase(output)
                ?? throw CommandLineException.Usage($"--encrypt needs a passphrase: set {KeyFile.PassphraseVariable} (or run in a terminal to be asked)");
            if (passphrase.Length < 8)
            {
                throw CommandLineException.Usage("the passphrase is shorter than 8 characters");
            }
        }

        AccountAddress address = KeyFile.Write(path, privateKey, passphrase, force);
        if (!encrypt)
        {
            output.Warn($"the key file is not encrypted (owner-only permissions protect it); use --encrypt with {KeyFile.PassphraseVariable} to add a passphrase");
        }

        Print(output, new KeyDocument(true, address.ToString(), path, encrypt, action));
        return DarkPoolCli.ExitSuccess;
    }

    private static void Print(ToolOutput output, KeyDocument document)
    {
        if (output.IsJson)
        {
            output.Json(document);
            return;
        }

        var table = new Table().HideHeaders().Border(TableBorder.None).AddColumn("field").AddColumn("value");
        table.AddRow(new Text("account"), new Text(document.Address));
        table.AddRow(new Text("key file"), new Text($"{document.KeyFile} ({document.Action}{(document.Encrypted ? ", passphrase-protected" : ", owner-only, not encrypted")})"));
        output.Console.Write(table);
    }

    private sealed record KeyDocument(bool Ok, string Address, string KeyFile, bool Encrypted, string Action);

    private sealed record ExportDocument(bool Ok, string Address, string PrivateKey);
}
