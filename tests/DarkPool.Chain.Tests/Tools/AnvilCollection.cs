namespace DarkPool.Chain.Tests.Tools;

/// <summary>One anvil node shared by every EVM test class; the classes in it run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class AnvilCollection : ICollectionFixture<AnvilFixture>
{
    public const string Name = "anvil";
}
