namespace DarkPool.Enclave.Tests.Journal.Faults;

internal enum DirectoryOperationKind
{
    Create,
    Rename,
    Delete,
}
