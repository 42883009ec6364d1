namespace DarkPool.Engine.Internal;

/// <summary>Reads resting orders in priority order without changing them (fill-or-kill pre-check).</summary>
internal interface IContraVisitor
{
    /// <summary>Sees one resting order; returns false to stop the walk.</summary>
    bool Visit(in OrderData resting);
}
