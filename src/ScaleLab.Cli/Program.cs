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
        root.Subcommands.Add(ExperimentCommand.Create());
        root.Subcommands.Add(RunsCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        return root;
    }
}
