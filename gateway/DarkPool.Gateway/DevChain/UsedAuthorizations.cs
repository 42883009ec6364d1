using DarkPool.Chain;

namespace DarkPool.Gateway.DevChain;

/// <summary>Deposit authorisations already used, kept until they expire, so that one signature moves tokens once.</summary>
internal static class UsedAuthorizations
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<Hash32, long> Used = [];

    /// <summary>Marks <paramref name="digest"/> used; false when it already was.</summary>
    public static bool TryUse(Hash32 digest, long notAfter, long now)
    {
        lock (Gate)
        {
            if (Used.Count > 4096)
            {
                foreach (Hash32 old in Used.Where(p => p.Value < now).Select(p => p.Key).ToList())
                {
                    _ = Used.Remove(old);
                }
            }

            return Used.TryAdd(digest, notAfter);
        }
    }
}
