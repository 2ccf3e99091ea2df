using System.Globalization;
using ScaleLab.Studies;
using Spectre.Console;

namespace ScaleLab.Cli.Commands;

/// <summary>A study's progress: a bar on an interactive terminal, one plain line per run that ends otherwise.</summary>
internal static class StudyProgressDisplay
{
    /// <summary>Runs <paramref name="work"/> under a progress bar on <paramref name="console"/>.</summary>
    public static async Task<StudyExecution> WithBarAsync(IAnsiConsole console, StudyPlan plan, Func<IProgress<StudyProgress>, Task<StudyExecution>> work)
    {
        StudyExecution? result = null;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("runs", maxValue: plan.Runs.Count);
                result = await work(new BarProgress(task)).ConfigureAwait(false);
            }).ConfigureAwait(false);
        return result!;
    }

    /// <summary>Plain progress lines on <paramref name="output"/>.</summary>
    public static IProgress<StudyProgress> Plain(TextWriter output) => new PlainProgress(output);

    private sealed class PlainProgress(TextWriter output) : IProgress<StudyProgress>
    {
        private readonly Lock _gate = new();

        public void Report(StudyProgress value)
        {
            lock (_gate)
            {
                if (value.Last is not { } run)
                {
                    if (value.Skipped > 0) output.WriteLine($"{value.Skipped} of {value.Total} run(s) already finished in the store");
                    return;
                }
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"[{value.Done}/{value.Total}] {run.Group} {run.Key[..12]} {value.LastSeconds:F1} s{(value.Failed > 0 ? $" ({value.Failed} failed)" : "")}"));
            }
        }
    }

    private sealed class BarProgress(ProgressTask task) : IProgress<StudyProgress>
    {
        public void Report(StudyProgress value)
        {
            task.Value = value.Done;
            task.Description = value.Failed > 0 ? $"runs ({value.Failed} failed)" : "runs";
        }
    }
}
