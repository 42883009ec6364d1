using DarkPool.Chain.Tests.Tools;

namespace DarkPool.Settlement.Tests;

/// <summary>One anvil node for the settlement tests that need a real EVM (started by the linked fixture, on loopback).</summary>
[CollectionDefinition(Name)]
public sealed class AnvilNode : ICollectionFixture<AnvilFixture>
{
    public const string Name = "settlement-anvil";
}
