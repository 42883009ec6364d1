namespace DarkPool.Enclave.Storage;

/// <summary>
/// The names an <see cref="IDataFolder"/> accepts: 1 to 128 characters of ASCII letters, digits, '.', '-' and '_',
/// not starting with '.'. Anything else (a separator, "..", a control character) could leave the folder.
/// </summary>
public static class StorageFileName
{
    /// <summary>The longest name accepted.</summary>
    public const int MaxLength = 128;

    /// <summary>True when <paramref name="name"/> is a plain file name inside the folder.</summary>
    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength || name[0] == '.')
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Throws unless <paramref name="name"/> <see cref="IsValid">is valid</see>.</summary>
    /// <exception cref="ArgumentException">The name could leave the folder or is not accepted.</exception>
    public static void Validate(string? name, string parameterName)
    {
        if (!IsValid(name))
        {
            throw new ArgumentException($"'{name}' is not a plain file name for the data folder.", parameterName);
        }
    }
}
