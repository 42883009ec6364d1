using System.Reflection;
using System.Runtime.CompilerServices;
using DarkPool.Enclave.Core;
using DarkPool.Enclave.Settlement;
using DarkPool.Engine;

namespace DarkPool.Enclave.Serialization;

/// <summary>
/// Compiles, once per process, every method of the engine and the enclave marked
/// <see cref="MethodImplOptions.AggressiveOptimization"/> (the snapshot's writers and visitors among them), before the
/// sequencer starts.
/// </summary>
/// <remarks>
/// A snapshot runs once per million records, so its code never tiers up, and the start-up snapshot of an empty state
/// does not reach the per-order and per-item writers (an interface call per order; a loop body that has no element to
/// run on). Marked fully optimised, they were still compiled at their first call, inside the first snapshot's pause
/// under load: measured, most of a first 19 ms pause on a 2 MB state (docs/PERFORMANCE.md).
/// </remarks>
internal static class SnapshotCode
{
    private static int _prepared;

    /// <summary>
    /// Once per process: <see cref="PrepareAll"/>, then the settlement ledger's writer run once on a scratch ledger
    /// (<see cref="SettlementLedger.PrepareSnapshotCode"/>).
    /// </summary>
    public static void Prepare()
    {
        if (Interlocked.Exchange(ref _prepared, 1) == 0)
        {
            _ = PrepareAll();
            SettlementLedger.PrepareSnapshotCode();
        }
    }

    /// <summary>Compiles every such method now (again, if it was); returns the methods.</summary>
    public static IReadOnlyList<MethodInfo> PrepareAll()
    {
        var prepared = new List<MethodInfo>();
        foreach (Assembly assembly in new[] { typeof(MatchingEngine).Assembly, typeof(EnclaveCore).Assembly })
        {
            foreach (Type type in assembly.GetTypes())
            {
                if (type.ContainsGenericParameters)
                {
                    continue;
                }

                foreach (MethodInfo method in type.GetMethods(BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
                {
                    if ((method.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) != 0 && !method.IsAbstract && !method.ContainsGenericParameters)
                    {
                        RuntimeHelpers.PrepareMethod(method.MethodHandle);
                        prepared.Add(method);
                    }
                }
            }
        }

        return prepared;
    }
}
