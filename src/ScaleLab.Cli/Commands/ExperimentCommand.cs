using System.CommandLine;

namespace ScaleLab.Cli.Commands;

/// <summary><c>scalelab experiment ...</c>: the built-in scaling studies, one subcommand per trainer.</summary>
internal static class ExperimentCommand
{
    public static Command Create()
    {
        var command = new Command("experiment", "Run a scaling study on the CPU, store its runs and fit its regimes");
        command.Subcommands.Add(RandomFeaturesCommand.Create());
        command.Subcommands.Add(TeacherStudentCommand.Create());
        command.Subcommands.Add(LanguageModelCommand.Create());
        return command;
    }
}
