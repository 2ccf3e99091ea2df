using System.CommandLine;

namespace ScaleLab.Cli.Commands.Sweeps;

/// <summary><c>scalelab sweep init|validate|run|status|cancel</c>: sweeps of the user's own training command (docs/sweeps.md).</summary>
internal static class SweepCommand
{
    public static Command Create()
    {
        var command = new Command("sweep", "Sweeps of your own training command: write, check, run (locally or on Slurm), follow and cancel them");
        command.Subcommands.Add(SweepInitCommand.Create());
        command.Subcommands.Add(SweepValidateCommand.Create());
        command.Subcommands.Add(SweepRunCommand.Create());
        command.Subcommands.Add(SweepStatusCommand.Create());
        command.Subcommands.Add(SweepCancelCommand.Create());
        return command;
    }
}
