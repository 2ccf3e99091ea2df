using ScaleLab.Analysis;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Optimization;
using ScaleLab.Uncertainty;

namespace ScaleLab.Tests.Support;

/// <summary>Fitted laws at given parameters (a paper's, or made up), for tests that draw or plan with them without fitting.</summary>
internal static class Fits
{
    /// <summary>The law at published <paramref name="parameters"/>, recorded as a converged fit of <paramref name="rows"/> points of <paramref name="source"/>.</summary>
    public static FittedLaw At(ScalingLaw law, IReadOnlyDictionary<string, double> parameters, int rows = 0, string source = "published")
    {
        var result = new FitResult
        {
            Law = law, Theta = law.FromNamed(parameters), Objective = 0, Status = FitStatus.Converged, Exit = OptimizerExit.GradientSmall,
            Iterations = 0, Evaluations = 0, GradientNorm = 0, Starts = 0, StartsConverged = 0, StartsAtBest = 0, BestStart = -1, Points = rows,
            Options = new FitOptions(), FreeParameters = law.Parameters.Select(p => p.Name).ToArray(), Diagnostics = [],
        };
        return new FittedLaw(result, new FittedData { Source = source, Metric = "loss", Rows = rows }, null, parameters);
    }

    /// <summary>An analysis of <paramref name="fit"/> whose bootstrap holds <paramref name="publishedSamples"/> (law order) at <paramref name="level"/>.</summary>
    public static FitAnalysis Bootstrapped(FittedLaw fit, IReadOnlyList<double[]> publishedSamples, double level = 0.8) => new()
    {
        Options = new AnalysisOptions { Level = level, Bootstrap = publishedSamples.Count },
        Bootstrap = BootstrapResult.FromPublished(fit.Law, fit.Result.Theta, [.. publishedSamples], 0, [], [], new BootstrapOptions { Resamples = Math.Max(1, publishedSamples.Count) }, fit.Result.Points),
    };
}
