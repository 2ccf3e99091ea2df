using ScaleLab.Analysis;
using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Laws;

namespace ScaleLab.Tests.Fitting;

public class FittedLawTests
{
    private static readonly Dictionary<string, double> Hoffmann = new() { ["E"] = 1.69, ["A"] = 406.4, ["B"] = 410.7, ["alpha"] = 0.34, ["beta"] = 0.28 };

    /// <summary>15 runs of an IsoFLOP study from Hoffmann et al.'s rounded law with 1 % log noise, fitted with E fixed.</summary>
    internal static (FittedLaw Fitted, ObservationSet Data) SmallFit()
    {
        var data = SyntheticIsoFlopStudy.Generate(ChinchillaLaw.Instance, Hoffmann, [1e18, 1e19, 1e20], 5, 0.5, 0.01, seed: 7);
        var fitted = FittedLaw.Fit(ChinchillaLaw.Instance, data, new FitOptions { MaxStarts = 40, Fixed = new Dictionary<string, double> { ["E"] = 1.69 } });
        return (fitted, data);
    }

    [Fact]
    public void Predict_WithABootstrap_GivesMeanAndNewRunIntervalsThatNest()
    {
        var (fitted, _) = SmallFit();
        var analysis = fitted.Analyse(new AnalysisOptions { Bootstrap = 40, Seed = 2, Level = 0.8 });
        var points = new[] { ScalePoints.Create(fitted.Law, 1e9, 2e10, null), ScalePoints.Create(fitted.Law, 7e10, 1.4e12, null) };
        var predictions = fitted.Predict(points, analysis);
        Assert.Equal(0.8, predictions.Level);
        var law = fitted.Law;
        for (int i = 0; i < points.Length; i++)
        {
            var p = predictions.Points[i];
            Assert.Equal(law.Predict(fitted.Result.Theta, ScalingData.From([points[i]]))[0], p.Value);
            var mean = p.Mean!;
            var run = p.NewRun!;
            Assert.Equal("bootstrap-mean", mean.Method);
            Assert.Equal("bootstrap-predictive", run.Method);
            Assert.Equal(analysis.Bootstrap!.Samples.Count, mean.Samples);
            Assert.True(mean.Contains(p.Value), $"{mean} does not hold {p.Value}");
            // A new run adds its scatter to the uncertainty of the mean: its interval holds the mean's.
            Assert.True(run.Lower < mean.Lower && mean.Upper < run.Upper, $"{mean} vs {run}");
            Assert.Null(p.Actual);
        }
        // Chinchilla's scale lies far beyond these budgets (largest 1e20): the mean is less certain there.
        Assert.True(predictions.Points[1].Mean!.Width / predictions.Points[1].Value > predictions.Points[0].Mean!.Width / predictions.Points[0].Value);
        Assert.Contains(predictions.Diagnostics, d => d.Code == "extrapolation" && d.Message.StartsWith("point 2:", StringComparison.Ordinal));
        // Same analysis, same intervals; another level, other intervals.
        Assert.Equal(predictions.Points[1].NewRun, fitted.Predict(points, analysis).Points[1].NewRun);
        var wide = fitted.Predict(points, analysis, 0.95).Points[0];
        Assert.True(wide.Mean!.Lower < predictions.Points[0].Mean!.Lower && wide.Mean.Upper > predictions.Points[0].Mean!.Upper);
    }

    [Fact]
    public void Predict_WithoutAnalysis_GivesValuesOnly()
    {
        var (fitted, _) = SmallFit();
        var point = ScalePoints.Create(fitted.Law, 1e9, 2e10, null, metric: 2.6);
        var prediction = fitted.Predict([point]);
        Assert.Null(prediction.Level);
        Assert.Null(prediction.Points[0].Mean);
        Assert.Null(prediction.Points[0].NewRun);
        Assert.Equal(2.6, prediction.Points[0].Actual);
        Assert.Empty(prediction.Diagnostics);
    }

    [Fact]
    public void Fit_MetricBelowTheLogFloor_IsBadInputNamingRowAndColumn()
    {
        var rows = new[] { Observation.FromParametersAndTokens(1e9, 2e10, 2.5) with { Row = 1 }, Observation.FromParametersAndTokens(2e9, 4e10, -0.1) with { Row = 2 } };
        var data = new ObservationSet("runs.csv", "loss", rows);
        var error = Assert.Throws<InputDataException>(() => FittedLaw.Fit(M1Law.Instance, data));
        Assert.Contains("runs.csv", error.Message);
        Assert.Contains("row 2", error.Message);
        Assert.Contains("'loss'", error.Message);
        // Linear residuals take any finite metric.
        var linear = FittedLaw.Fit(M1Law.Instance, data, new FitOptions { Objective = FitObjective.Parse("squared-linear") });
        Assert.Equal(2, linear.Result.Points);
    }

    [Fact]
    public void Analyse_AlwaysChecksAndComputesDerivedQuantitiesAtTheBudget()
    {
        var (fitted, data) = SmallFit();
        var analysis = fitted.Analyse();
        Assert.Null(analysis.Bootstrap);
        Assert.Empty(analysis.Intervals);
        Assert.Equal(data.Observations.Max(o => o.Compute.Value), analysis.Options.Budget);
        foreach (var name in new[] { "a", "b", "G", "N_opt", "D_opt", "tokens_per_parameter" }) Assert.True(analysis.Derived.ContainsKey(name), name);
        // Bad options are refused before any work, naming what is allowed.
        Assert.Throws<ArgumentException>(() => fitted.Analyse(new AnalysisOptions { Level = 1.5 }));
        Assert.Throws<ArgumentException>(() => fitted.Analyse(new AnalysisOptions { ClusterBy = "group" }));
        Assert.Throws<ArgumentException>(() => fitted.Analyse(new AnalysisOptions { TestAgainst = new Dictionary<string, double> { ["gamma"] = 1 } }));
    }
}
