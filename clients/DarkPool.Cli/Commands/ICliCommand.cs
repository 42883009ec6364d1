using System.CommandLine;

namespace DarkPool.Cli.Commands;

/// <summary>
/// One command of <c>darkpool</c>. <see cref="DarkPoolCli"/> registers every implementation in this assembly, in name
/// order; an action is set through <see cref="CliContext.SetAction"/>, which turns failures into one-line errors and exit
/// codes.
/// </summary>
internal interface ICliCommand
{
    /// <summary>The command with its options and action.</summary>
    Command Build(CliContext context);
}
