using System.CommandLine;
using ScaleLab.Cli.Commands;

namespace ScaleLab.Cli;

/// <summary>Entry point of the <c>scalelab</c> command. Each subcommand lives in its own file under Commands/.</summary>
public static class Program
{
    /// <summary>Exit code for bad input (file, row and column named on stderr).</summary>
    public const int BadInput = 2;

    /// <summary>Runs the command line.</summary>
    public static int Main(string[] args) => BuildRoot().Parse(args).Invoke();

    /// <summary>The root command with every subcommand registered.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("ScaleLab: fit, predict and plan with neural scaling laws.");
        root.Subcommands.Add(FitCommand.Create());
        root.Subcommands.Add(PlotCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(PredictCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(FlopsCommand.Create());
        root.Subcommands.Add(PlanCommand.Create());
        root.Subcommands.Add(IsoFlopCommand.Create());
        root.Subcommands.Add(EnvelopeCommand.Create());
        root.Subcommands.Add(ApproachesCommand.Create());
        root.Subcommands.Add(CompareCommand.Create());
        root.Subcommands.Add(SimulateCoverageCommand.Create());
        root.Subcommands.Add(ExperimentCommand.Create());
        root.Subcommands.Add(RunsCommand.Create());
        return root;
    }
}
