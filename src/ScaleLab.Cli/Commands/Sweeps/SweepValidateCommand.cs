using System.CommandLine;
using System.Globalization;
using ScaleLab.Quantities;
using ScaleLab.Sweeps.Planning;

namespace ScaleLab.Cli.Commands.Sweeps;

/// <summary><c>scalelab sweep validate FILE</c>: every error of the file at once with line and column (exit 2), or what it would run.</summary>
internal static class SweepValidateCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "the sweep file (TOML)" };
        var command = new Command("validate", "Check a sweep file: every error at once with its line and column, or a summary of its runs") { file };
        command.SetAction((parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (SweepConsole.Load(parse.GetValue(file)!, error) is not { } definition) return Task.FromResult(Program.BadInput);
            if (SweepConsole.Plan(definition, error, cancellationToken) is not { } plan) return Task.FromResult(Program.BadInput);
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{definition.File}: sweep '{definition.Name}' is valid: {plan.Runs.Count} runs ({definition.Grid.Kind} grid{(definition.Axes.Count > 0 ? $" × {string.Join(" × ", definition.Axes.Select(a => $"{a.Name} ({a.Values.Count})"))}" : "")})"));
            if (plan.PriorSource is { } source) output.WriteLine($"  sizes placed around the optimum of {source}");
            var computes = plan.Runs.Select(r => SweepPlan.PointOf(r).Compute).ToArray();
            output.WriteLine($"  compute from {Quantity.Format(computes.Min())} to {Quantity.Format(computes.Max())} FLOPs, {Quantity.Format(computes.Sum())} in all; fit {definition.Law}, predicting at {Quantity.Format(plan.TargetCompute)}");
            return Task.FromResult(0);
        });
        return command;
    }
}
