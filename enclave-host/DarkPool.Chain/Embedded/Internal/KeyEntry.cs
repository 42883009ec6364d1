namespace DarkPool.Chain.Embedded.Internal;

internal sealed class KeyEntry
{
    public EthAddress Key { get; set; }

    public ulong FromSequence { get; set; }

    public ulong Block { get; set; }
}
