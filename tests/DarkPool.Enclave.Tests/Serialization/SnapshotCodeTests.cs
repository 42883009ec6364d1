using System.Reflection;
using DarkPool.Enclave.Serialization;
using DarkPool.Enclave.Settlement;

namespace DarkPool.Enclave.Tests.Serialization;

/// <summary>The snapshot's writers are compiled before the sequencer starts, not at their first call inside a pause.</summary>
public sealed class SnapshotCodeTests
{
    [Fact]
    public void PrepareAll_CompilesTheSnapshotWritersOfTheEngineAndTheEnclave()
    {
        IReadOnlyList<MethodInfo> prepared = SnapshotCode.PrepareAll();

        string[] names = [.. prepared.Select(m => $"{m.DeclaringType!.Name}.{m.Name}")];
        Assert.Contains("SnapshotOrderWriter.Visit", names); // the engine's per-order writer, reached through an interface
        Assert.Contains("HashVisitor.Visit", names);
        Assert.Contains("MatchingEngine.WriteSnapshot", names);
        Assert.Contains("SessionTable.WriteOpen", names);
        Assert.Contains("EnclaveCore.WriteFills", names);
        Assert.Contains("SettlementLedger.WriteTo", names);
        Assert.All(prepared, m => Assert.True((m.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) != 0, m.Name));
    }

    [Fact]
    public void SettlementLedgerPrepare_RunsTheWriterOnAScratchLedger_WithoutTouchingAnyOther()
    {
        SettlementLedger.PrepareSnapshotCode();
        SettlementLedger.PrepareSnapshotCode();
        Assert.Equal(new SettlementLedger().ToBytes(), new SettlementLedger().ToBytes());
    }

    [Fact]
    public void Prepare_IsIdempotent()
    {
        SnapshotCode.Prepare();
        SnapshotCode.Prepare();
        Assert.NotEmpty(SnapshotCode.PrepareAll());
    }
}
