namespace DarkPool.Enclave.Tests.Journal.Faults;

/// <summary>A create, rename or delete not yet made durable by a folder sync.</summary>
internal sealed record DirectoryOperation(DirectoryOperationKind Kind, string Name, string? NewName, Inode? Inode)
{
    public void ApplyTo(Dictionary<string, Inode> directory)
    {
        switch (Kind)
        {
            case DirectoryOperationKind.Create:
                directory[Name] = Inode!;
                break;
            case DirectoryOperationKind.Rename:
                // The source may never have reached the disk; then neither does the rename.
                if (directory.Remove(Name, out Inode? inode))
                {
                    directory[NewName!] = inode;
                }

                break;
            case DirectoryOperationKind.Delete:
                _ = directory.Remove(Name);
                break;
        }
    }
}
