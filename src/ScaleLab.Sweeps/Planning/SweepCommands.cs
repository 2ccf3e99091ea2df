using ScaleLab.Studies;
using ScaleLab.Studies.Execution;
using ScaleLab.Sweeps.Definition;

namespace ScaleLab.Sweeps.Planning;

/// <summary>The command of one attempt of a sweep run: the template with every placeholder filled, in its working directory and environment.</summary>
public static class SweepCommands
{
    /// <summary>The command factory an executor calls for each attempt of <paramref name="definition"/>'s runs.</summary>
    public static Func<RunInvocation, RunCommand> Factory(SweepDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        string folder = Path.GetDirectoryName(Path.GetFullPath(definition.File)) ?? ".";
        var environment = definition.Environment.ToDictionary(p => p.Key, p => TemplateText.Parse(p.Value, null, []), StringComparer.Ordinal);
        var directory = definition.WorkingDirectory is { } d ? TemplateText.Parse(d, null, []) : null;
        return invocation =>
        {
            var values = SweepPlanner.Values(invocation.Run, invocation.Attempt, invocation.ResultPath, invocation.CheckpointDirectory);
            var words = definition.Command.Expand(values);
            return new RunCommand(words[0], words.Skip(1).ToArray())
            {
                WorkingDirectory = directory is null ? folder : Path.GetFullPath(Path.Combine(folder, directory.Expand(values))),
                Environment = environment.ToDictionary(p => p.Key, p => (string?)p.Value.Expand(values), StringComparer.Ordinal),
            };
        };
    }

    /// <summary>What a run's result stands for when it does not report N or D: the planned values.</summary>
    public static ResultDefaults? Planned(PlannedRun run)
    {
        var point = SweepPlan.PointOf(run);
        return new ResultDefaults(point.Parameters, point.Tokens);
    }
}
