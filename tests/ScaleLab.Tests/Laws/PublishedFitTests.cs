using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Tests.Support;
using Xunit.Abstractions;

namespace ScaleLab.Tests.Laws;

/// <summary>The Chinchilla law refitted on public datasets with each study's own objective (../shared/datasets/README.md).</summary>
public class PublishedFitTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void Llama3IsoFlops_SquaredLinear_ReachesTheLeastSquaresSurface()
    {
        var rows = LawData.ReadCsv("llama3-isoflops/isoflops_points.csv");
        Skip.If(rows is null, SharedData.Missing);
        // N = C/(6D) in raw units, as the README states.
        var observations = rows!.Select(r =>
        {
            double c = r.Number("compute_budget"), d = r.Number("training_tokens");
            return Observation.FromParametersAndTokens(c / (6 * d), d, r.Number("validation_loss"));
        }).ToArray();
        Assert.Equal(133, observations.Length);
        var data = ScalingData.From(observations);
        var objective = FitObjective.Parse("squared-linear");
        var fit = Fitter.Fit(ChinchillaLaw.Instance, data, new FitOptions { Objective = objective });
        Report(fit);
        var p = fit.Parameters;
        Assert.Equal(FitStatus.Converged, fit.Status);
        // Open-Athena scaling-law-analysis exp11 (datasets README), variable-projection surface — the exact
        // least-squares optimum: E = 0.6047, A = 59.1, B = 155.1, alpha = 0.3100, beta = 0.3136. We reach it
        // to the printed digits (tolerance: half a unit in the last printed digit, rounded up).
        Assert.InRange(p["E"], 0.6047 - 0.0001, 0.6047 + 0.0001);
        Assert.InRange(p["alpha"], 0.3100 - 0.0001, 0.3100 + 0.0001);
        Assert.InRange(p["beta"], 0.3136 - 0.0001, 0.3136 + 0.0001);
        Assert.InRange(p["A"], 59.1 - 0.1, 59.1 + 0.1);
        Assert.InRange(p["B"], 155.1 - 0.1, 155.1 + 0.1);
        // Same source, approach 3 surface: E = 0.6021, A = 56.2, B = 147.3, alpha = 0.3068, beta = 0.3110. That
        // fit stopped short of the optimum (its squared error is higher than ours, asserted below), so it is
        // compared loosely: E ±0.003, exponents ±0.004, A and B ±6% (A, B move ~15× more than the exponents
        // along the flat valley of this surface).
        var approach3 = LawFormulaTests.Named(("E", 0.6021), ("A", 56.2), ("B", 147.3), ("alpha", 0.3068), ("beta", 0.3110));
        double publishedObjective = Fitter.Objective(ChinchillaLaw.Instance, data, ChinchillaLaw.Instance.FromNamed(approach3), objective);
        output.WriteLine($"J at the approach-3 surface {publishedObjective:E5}, ours {fit.Objective:E5}");
        Assert.True(fit.Objective < publishedObjective);
        Assert.InRange(p["E"], 0.6021 - 0.003, 0.6021 + 0.003);
        Assert.InRange(p["alpha"], 0.3068 - 0.004, 0.3068 + 0.004);
        Assert.InRange(p["beta"], 0.3110 - 0.004, 0.3110 + 0.004);
        Assert.InRange(p["A"] / 56.2, 0.94, 1.06);
        Assert.InRange(p["B"] / 147.3, 0.94, 1.06);
    }

    [SkippableFact]
    public void MlScalefit_HuberLinear_ReproducesVpnlsFit()
    {
        var rows = LawData.ReadCsv("isoflops-openathena/extract_ml_scalefit.csv");
        Skip.If(rows is null, SharedData.Missing);
        // The vpnls README fits N in millions and D in billions.
        var observations = rows!.Select(r => Observation.FromParametersAndTokens(r.Number("params") / 1e6, r.Number("tokens") / 1e9, r.Number("loss"))).ToArray();
        var data = ScalingData.From(observations);
        var options = new FitOptions { Objective = FitObjective.Parse("huber-linear", delta: 1e-3) };
        var fit = Fitter.Fit(ChinchillaLaw.Instance, data, options);
        Report(fit);
        var p = fit.Parameters;
        double meanHuber = fit.Objective / observations.Length;
        output.WriteLine($"rows {observations.Length}, mean Huber {meanHuber:E4}");
        // Open-Athena vpnls README (datasets README): alpha 0.3600, beta 0.4000, E 1.8608, A 4.1479, B 1.0546,
        // mean Huber 13.1e-6 (×1e-6, rounded; ours is summed: compare sum/rows). vpnls searched the exponents
        // on a 0.01 grid (resolution=0.01), so our continuous optimum may only be lower, and its exponents lie
        // within one grid step.
        var published = LawFormulaTests.Named(("E", 1.8608), ("A", 4.1479), ("B", 1.0546), ("alpha", 0.36), ("beta", 0.40));
        double publishedMean = Fitter.Objective(ChinchillaLaw.Instance, data, ChinchillaLaw.Instance.FromNamed(published), options.Objective) / observations.Length;
        output.WriteLine($"mean Huber at the published parameters {publishedMean:E4}");
        Assert.InRange(publishedMean, 13.05e-6, 13.15e-6);
        Assert.InRange(meanHuber, 12.0e-6, publishedMean);
        Assert.InRange(p["alpha"], 0.36 - 0.01, 0.36 + 0.01);
        Assert.InRange(p["beta"], 0.40 - 0.01, 0.40 + 0.01);

        // At vpnls's grid point (exponents fixed at 0.36, 0.40) our fit of E, A, B must be at least as good as
        // vpnls's inner solve and agree with it to E ±0.001, A and B ±0.5% (vpnls solves the inner Huber problem
        // approximately; its mean Huber there is 13.099e-6 by our evaluation).
        var atGrid = Fitter.Fit(ChinchillaLaw.Instance, data, options with { Fixed = LawFormulaTests.Named(("alpha", 0.36), ("beta", 0.40)) });
        var g = atGrid.Parameters;
        output.WriteLine($"exponents fixed at (0.36, 0.40): E {g["E"]:G6} A {g["A"]:G6} B {g["B"]:G6}, mean Huber {atGrid.Objective / observations.Length:E4}");
        Assert.True(atGrid.Objective / observations.Length <= publishedMean);
        Assert.InRange(g["E"], 1.8608 - 0.001, 1.8608 + 0.001);
        Assert.InRange(g["A"] / 4.1479, 0.995, 1.005);
        Assert.InRange(g["B"] / 1.0546, 0.995, 1.005);
    }

    [SkippableFact]
    public void TakanoSubset_AsymmetricLinear_ReproducesKyoTakanoFit()
    {
        var rows = LawData.ReadCsv("chinchilla-takano-subset/df.csv");
        Skip.If(rows is null, SharedData.Missing);
        var observations = rows!.Select(r => Observation.FromParametersAndTokens(r.Number("N"), r.Number("D"), r.Number("loss"))).ToArray();
        Assert.Equal(234, observations.Length);
        // kyo-takano/chinchilla chinchilla/_metrics.py asymmetric_mae: error = y − ŷ, negative errors
        // (over-predictions) ×10, on the loss itself (no log).
        var data = ScalingData.From(observations);
        var objective = FitObjective.Parse("asymmetric-linear", negativeWeight: 10);
        var fit = Fitter.Fit(ChinchillaLaw.Instance, data, new FitOptions { Objective = objective });
        Report(fit);
        var p = fit.Parameters;
        var published = LawFormulaTests.Named(("E", 1.7004), ("A", 185.39), ("B", 1627.0), ("alpha", 0.2892), ("beta", 0.3556));
        double publishedObjective = Fitter.Objective(ChinchillaLaw.Instance, data, ChinchillaLaw.Instance.FromNamed(published), objective);
        output.WriteLine($"J at the published parameters {publishedObjective:E5}, ours {fit.Objective:E5}");
        // The loss is piecewise linear, so both optimizers stop on a kink; ours must be at least as low (to the
        // published rounding, 1e-3 relative).
        Assert.True(fit.Objective <= publishedObjective * (1 + 1e-3));
        // datasets README (kyo-takano/chinchilla): E = 1.7004, A = 185.39, B = 1627.0, alpha = 0.2892, beta = 0.3556.
        // Tolerances: E, exponents ±0.005, A, B ±10%: the objective is flat along the A–alpha and B–beta valleys.
        Assert.InRange(p["E"], 1.7004 - 0.005, 1.7004 + 0.005);
        Assert.InRange(p["alpha"], 0.2892 - 0.005, 0.2892 + 0.005);
        Assert.InRange(p["beta"], 0.3556 - 0.005, 0.3556 + 0.005);
        Assert.InRange(p["A"] / 185.39, 0.9, 1.1);
        Assert.InRange(p["B"] / 1627.0, 0.9, 1.1);
    }

    private void Report(FitResult fit)
    {
        var p = fit.Parameters;
        output.WriteLine($"E {p["E"]:G6} A {p["A"]:G6} B {p["B"]:G6} alpha {p["alpha"]:G6} beta {p["beta"]:G6} J {fit.Objective:E5}");
        output.WriteLine($"status {fit.Status} exit {fit.Exit} converged {fit.StartsConverged}/{fit.Starts} at best {fit.StartsAtBest}");
        foreach (var d in fit.Diagnostics) output.WriteLine(d.ToString());
    }
}
