using ScaleLab.Analysis;
using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Planning;
using ScaleLab.Serialization;
using ScaleLab.Tests.Fitting;

namespace ScaleLab.Tests.Serialization;

/// <summary>The fit document is a pure mapping of the fitted law and its analysis, both ways, and reads what earlier versions wrote.</summary>
public class FitModelRoundTripTests
{
    private static readonly Dictionary<string, double> Hoffmann = new() { ["E"] = 1.69, ["A"] = 406.4, ["B"] = 410.7, ["alpha"] = 0.34, ["beta"] = 0.28 };

    [Fact]
    public void ModelToDocumentToModel_KeepsTheFitAndItsAnalysis()
    {
        var (fitted, data) = FittedLawTests.SmallFit();
        var options = new AnalysisOptions { Bootstrap = 24, Seed = 5, Level = 0.9, Profile = true, TestAgainst = Hoffmann, Budget = 5.76e23 };
        var analysis = fitted.Analyse(options);
        var json = FitDocument.From(fitted, analysis).ToJson();
        var document = FitDocument.Parse(json, "fit.json");
        var back = document.ToFittedLaw();
        var backAnalysis = document.ToAnalysis()!;

        // The fitted law: parameters exactly, the fit's facts, the data summary, diagnostics by stage.
        Assert.Equal(fitted.Parameters, back.Parameters);
        var (r, b) = (fitted.Result, back.Result);
        Assert.Equal((r.Status, r.Exit, r.Objective, r.Iterations, r.Evaluations, r.GradientNorm), (b.Status, b.Exit, b.Objective, b.Iterations, b.Evaluations, b.GradientNorm));
        Assert.Equal((r.Starts, r.StartsConverged, r.StartsAtBest, r.BestStart, r.Points), (b.Starts, b.StartsConverged, b.StartsAtBest, b.BestStart, b.Points));
        Assert.Equal(r.FreeParameters, b.FreeParameters);
        Assert.Equal(r.Options.Objective, b.Options.Objective);
        Assert.Equal(r.Options.Fixed, b.Options.Fixed);
        Assert.Equal(r.Options.MaxStarts, b.Options.MaxStarts);
        Assert.Equal(r.Diagnostics, b.Diagnostics);
        Assert.Equal(fitted.Data.Diagnostics, back.Data.Diagnostics);
        Assert.Equal((fitted.Data.Source, fitted.Data.Metric, fitted.Data.Rows), (back.Data.Source, back.Data.Metric, back.Data.Rows));
        Assert.Equal(fitted.Data.Ranges, back.Data.Ranges);
        Assert.Equal(data.Observations.Max(o => o.Compute.Value), back.Data.RangeOf(ScaleVariable.Compute)!.Value.Max);
        for (int j = 0; j < r.Theta.Length; j++) Assert.Equal(r.Theta[j], b.Theta[j], 1e-15 * Math.Max(1, Math.Abs(r.Theta[j])));
        Assert.Null(back.Observations);

        // The analysis: options, values, intervals, profiles, test, bootstrap replicates, diagnostics.
        Assert.Equal(options with { Parallelism = null }, backAnalysis.Options with { TestAgainst = options.TestAgainst });
        Assert.Equal(Hoffmann, backAnalysis.Options.TestAgainst);
        Assert.Equal(analysis.Derived, backAnalysis.Derived);
        Assert.Equal(analysis.Intervals, backAnalysis.Intervals);
        Assert.Equal(analysis.ProfileIntervals, backAnalysis.ProfileIntervals);
        Assert.Equal(analysis.Profiles.Count, backAnalysis.Profiles.Count);
        for (int k = 0; k < analysis.Profiles.Count; k++)
        {
            Assert.Equal(analysis.Profiles[k] with { Points = [] }, backAnalysis.Profiles[k] with { Points = [] });
            Assert.Equal(analysis.Profiles[k].Points, backAnalysis.Profiles[k].Points);
        }
        Assert.Equal(analysis.LikelihoodRatio!.Statistic, backAnalysis.LikelihoodRatio!.Statistic);
        Assert.Equal(analysis.LikelihoodRatio.Hypothesis, backAnalysis.LikelihoodRatio.Hypothesis);
        Assert.Equal(analysis.Bootstrap!.PublishedSamples(), backAnalysis.Bootstrap!.PublishedSamples());
        Assert.Equal(analysis.Bootstrap.FailedResamples, backAnalysis.Bootstrap.FailedResamples);
        Assert.Equal(analysis.Bootstrap.LogResiduals, backAnalysis.Bootstrap.LogResiduals);
        Assert.Equal(analysis.Bootstrap.ClusterCount, backAnalysis.Bootstrap.ClusterCount);
        Assert.Equal(analysis.Diagnostics, backAnalysis.Diagnostics);

        // The model read back predicts and plans as the one in memory.
        var point = ScalePoints.Create(ChinchillaLaw.Instance, 7e10, 1.4e12, null);
        var inMemory = fitted.Predict([point], analysis).Points[0];
        var readBack = back.Predict([point], backAnalysis).Points[0];
        Assert.Equal(inMemory.Value, readBack.Value, 1e-13 * inMemory.Value);
        Assert.Equal(inMemory.NewRun!.Upper, readBack.NewRun!.Upper, 1e-13 * inMemory.Value);
        Assert.Equal(ComputeOptimalPlanner.ForCompute(PlanningLaw.From(fitted, analysis), 5.76e23).Intervals,
            ComputeOptimalPlanner.ForCompute(PlanningLaw.From(back, backAnalysis), 5.76e23).Intervals);
    }

    [Fact]
    public void DocumentToModelToDocument_WritesTheSameJson()
    {
        var (fitted, _) = FittedLawTests.SmallFit();
        foreach (var analysis in new[] { null, fitted.Analyse(new AnalysisOptions { Bootstrap = 12, ClusterBy = "compute", Interval = "bca" }) })
        {
            var json = FitDocument.From(fitted, analysis).ToJson();
            var document = FitDocument.Parse(json, "fit.json");
            var again = FitDocument.From(document.ToFittedLaw(), document.ToAnalysis()).ToJson();
            Assert.Equal(json, again);
            Assert.Equal(analysis is null, document.ToAnalysis() is null);
        }
    }

    private static string V1Path => Path.Combine(AppContext.BaseDirectory, "Serialization", "fit-v1.json");

    // fit-v1.json was written by the previous release: `scalelab fit runs.csv --starts 200 --bootstrap 24 --seed 3 --profile
    // --test-against E=1.69,A=406.4,B=410.7,alpha=0.34,beta=0.28 --out fit-v1.json` on 25 runs from Hoffmann et al.'s rounded
    // law with a 0.2 % perturbation (the runs of FitCommandTests.RunsCsv). The expected numbers below are what that release's
    // `predict` and `plan` printed for it.
    [Fact]
    public void V1Document_IsReadIntoTheModelAndPredictsAndPlansAsTheReleaseThatWroteIt()
    {
        var document = FitDocument.Load(V1Path);
        Assert.Equal("scalelab.fit/1", document.Schema);
        Assert.Null(document.Analysis);
        var fitted = document.ToFittedLaw();
        var analysis = document.ToAnalysis()!;
        Assert.Equal(FitStatus.Converged, fitted.Status);
        Assert.Equal(200, fitted.Result.Starts);
        Assert.Equal(25, fitted.Data.Rows);
        Assert.Equal("runs.csv", fitted.Data.Source);
        // Without stages, every diagnostic reads as the fit's.
        Assert.Equal(document.Diagnostics.Count, fitted.Result.Diagnostics.Count);
        Assert.Equal(0.8, analysis.Options.Level);
        Assert.True(analysis.Options.Profile);
        Assert.Equal(24, analysis.Options.Bootstrap);
        Assert.Equal(24, analysis.Bootstrap!.Samples.Count);
        Assert.Equal(25, analysis.Bootstrap.LogResiduals.Count);
        Assert.Equal(5, analysis.ProfileIntervals.Count);
        Assert.Equal(5, analysis.LikelihoodRatio!.DegreesOfFreedom);

        var predictions = fitted.Predict([ScalePoints.Create(fitted.Law, 7e10, 1.4e12, null), ScalePoints.Create(fitted.Law, 1e9, 2e10, null)], analysis);
        var chinchilla = predictions.Points[0];
        Rel(1.9326672278179902, chinchilla.Value);
        Rel(1.9271315455279119, chinchilla.Mean!.Lower);
        Rel(1.9395517594591478, chinchilla.Mean.Upper);
        Rel(1.9259426415366505, chinchilla.NewRun!.Lower);
        Rel(1.940085324566854, chinchilla.NewRun.Upper);
        Rel(2.5802909785403627, predictions.Points[1].Value);
        Rel(2.576786663309327, predictions.Points[1].NewRun!.Lower);

        var plan = ComputeOptimalPlanner.ForCompute(PlanningLaw.From(fitted, analysis), 5.76e23);
        Rel(30419298607.01541, plan.Parameters);
        var n = plan.Intervals[Plan.ParametersKey];
        Rel(29318521094.01413, n.Lower);
        Rel(32287550832.70308, n.Upper);
        Assert.Equal(24, n.Samples);
        Assert.Equal(48, plan.ExtrapolationRatio!.Value, 9);

        // Written again, it is a document of the same schema that reads back the same.
        var rewritten = FitDocument.Parse(FitDocument.From(fitted, analysis).ToJson(), "rewritten");
        Assert.Equal(document.Parameters, rewritten.Parameters);
        Assert.Equal(document.Intervals, rewritten.Intervals);
        Assert.Equal(document.Bootstrap!.Samples.Select(s => s.ToArray()), rewritten.Bootstrap!.Samples.Select(s => s.ToArray()));
    }

    private static void Rel(double expected, double actual) => Assert.True(Math.Abs(actual - expected) <= 1e-12 * Math.Abs(expected), $"expected {expected:R}, got {actual:R}");
}
