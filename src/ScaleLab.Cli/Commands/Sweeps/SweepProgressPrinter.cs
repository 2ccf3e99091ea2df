using System.Globalization;
using ScaleLab.Sweeps.Driving;
using ScaleLab.Sweeps.Planning;

namespace ScaleLab.Cli.Commands.Sweeps;

/// <summary>A sweep's progress as plain lines: one per run that ends, one per refit.</summary>
internal sealed class SweepProgressPrinter(TextWriter output, string metric) : IProgress<SweepProgress>
{
    private readonly Lock _gate = new();
    private string? _lastFit;

    public void Report(SweepProgress value)
    {
        lock (_gate)
        {
            if (value.Fit is { } fit)
            {
                // Two refits over the same runs say the same thing: it is printed once.
                string line = SweepConsole.FitLine(fit);
                if (line != _lastFit) output.WriteLine("  " + line);
                _lastFit = line;
                return;
            }
            if (value.Last is not { } run)
            {
                if (value.Finished > 0) output.WriteLine($"{value.Finished} of {value.Total} run(s) already finished in the store");
                return;
            }
            string head = string.Create(CultureInfo.InvariantCulture, $"[{value.Finished}/{value.Total}]");
            output.WriteLine(value.Error is null
                ? $"{head} finished {run.Key[..12]} {SweepConsole.Describe(run)}{(value.Value is { } v ? $": {metric} {StudyConsole.Number(v)}" : "")}"
                : $"{head} FAILED {run.Key[..12]} {SweepConsole.Describe(run)}: {value.Error}");
        }
    }
}
