using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Optimization;
using ScaleLab.Tests.Laws;
using ScaleLab.Tests.Support;
using Xunit.Abstractions;

namespace ScaleLab.Tests.Fitting;

public class FitSearchTests(ITestOutputHelper output)
{
    // The search that stops descents in basins already descended must reach the optimum that descending every
    // start to its end reaches, with far fewer evaluations.
    [SkippableFact]
    public void Search_EpochGrid_ReachesTheOptimumOfFullDescentsWithFewerEvaluations()
    {
        var rows = EpochChinchilla.Load240();
        Skip.If(rows is null, SharedData.Missing);
        var problem = new FitProblem(ChinchillaLaw.Instance, ScalingData.From(rows!));
        var starts = ChinchillaLaw.Instance.DefaultStarts(problem.Data).Select(s => problem.Map.Project(s)).ToArray();
        var full = new OptimizerResult[starts.Length];
        Parallel.For(0, starts.Length, () => new FitWorkspace(problem), (i, _, ws) =>
        {
            full[i] = ws.Polish(ws.Minimizer.Minimize(ws.Function, starts[i], problem.Map.Lower, problem.Map.Upper));
            return ws;
        }, _ => { });
        var everyStart = Enumerable.Range(0, starts.Length).ToArray();
        FitPolish.Finish(problem, full, everyStart, CancellationToken.None);
        var reference = FitSummary.Summarise(problem, full);

        var fit = Fitter.Fit(problem);
        output.WriteLine($"full descents: J {reference.Objective:R}, {reference.Evaluations} evaluations; search: J {fit.Objective:R}, {fit.Evaluations} evaluations");
        Assert.Equal(starts.Length, fit.Starts);
        Assert.True(Math.Abs(fit.Objective - reference.Objective) <= 1e-10 * reference.Objective, $"J {fit.Objective:R} against {reference.Objective:R}");
        foreach (var (name, v) in reference.Parameters) LawFormulaTests.AssertRelative(v, fit.Parameters[name], 1e-6);
        Assert.True(fit.Evaluations < reference.Evaluations / 2, $"{fit.Evaluations} evaluations against {reference.Evaluations}");
        Assert.Equal(FitStatus.Converged, fit.Status);
    }
}
