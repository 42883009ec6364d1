using System.CommandLine;
using DarkPool.CommandLine;

namespace DarkPool.Audit.Commands;

/// <summary>
/// One command of <c>darkpool-audit</c>. <see cref="AuditCli"/> registers every implementation in this assembly, so a
/// new command (e.g. <c>settlements</c>) is one new file here: its options, and an action set through
/// <see cref="CommandLineTool.SetAction"/>, which turns failures into one-line errors and exit codes.
/// </summary>
internal interface IAuditCommand
{
    /// <summary>The command with its options and action.</summary>
    Command Build(CommandLineTool tool);
}
