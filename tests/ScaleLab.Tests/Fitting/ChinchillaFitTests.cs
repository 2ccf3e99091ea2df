using ScaleLab.Data;
using ScaleLab.Fitting;
using ScaleLab.Laws;
using ScaleLab.Tests.Support;

namespace ScaleLab.Tests.Fitting;

public class ChinchillaFitTests
{
    // Besiroglu et al. 2024 (arXiv:2404.10102) refit on the 240 Epoch rows: E 1.8172, A 482.01,
    // B 2085.43, alpha 0.3478, beta 0.3658 (docs/science.md V10).
    [SkippableFact]
    public void Fit_EpochData_ReproducesBesirogluRefit()
    {
        var rows = EpochChinchilla.Load240();
        Skip.If(rows is null, SharedData.Missing);
        Assert.Equal(240, rows!.Count);
        var fit = Fitter.Fit(ChinchillaLaw.Instance, ScalingData.From(rows));
        var p = fit.Parameters;
        Assert.Equal(FitStatus.Converged, fit.Status);
        Assert.Equal(4500, fit.Starts);
        Assert.InRange(p["E"], 1.8172 - 0.01, 1.8172 + 0.01);
        Assert.InRange(p["alpha"], 0.3478 - 0.005, 0.3478 + 0.005);
        Assert.InRange(p["beta"], 0.3658 - 0.005, 0.3658 + 0.005);
        Assert.InRange(p["A"] / 482.01, 0.95, 1.05);
        Assert.InRange(p["B"] / 2085.43, 0.95, 1.05);
    }

    [SkippableFact]
    public void Fit_IsIdenticalForAnyThreadCount()
    {
        var rows = EpochChinchilla.Load240();
        Skip.If(rows is null, SharedData.Missing);
        var data = ScalingData.From(rows!);
        var one = Fitter.Fit(ChinchillaLaw.Instance, data, new FitOptions { Parallelism = 1, MaxStarts = 300 });
        var two = Fitter.Fit(ChinchillaLaw.Instance, data, new FitOptions { Parallelism = 2, MaxStarts = 300 });
        Assert.Equal(one.Theta, two.Theta);
        Assert.Equal(one.Objective, two.Objective);
    }

    // The bar: the full 4500-start fit reaches an objective no worse than the SciPy peer's
    // (../shared/bench/peer_chinchilla_grid.py, L-BFGS-B from the same grid: J = 0.00101827402863).
    [SkippableFact]
    public void Fit_EpochData_IsNoWorseThanTheSciPyPeer()
    {
        var rows = EpochChinchilla.Load240();
        Skip.If(rows is null, SharedData.Missing);
        var fit = Fitter.Fit(ChinchillaLaw.Instance, ScalingData.From(rows!));
        Assert.True(fit.Objective <= 0.00101827402863, $"objective {fit.Objective:R}");
        Assert.DoesNotContain(fit.Diagnostics, d => d.Code == "gradient-not-small");
    }

    [SkippableFact]
    public void Fit_StoppedByTheIterationLimit_IsNotConverged()
    {
        var rows = EpochChinchilla.Load240();
        Skip.If(rows is null, SharedData.Missing);
        var fit = Fitter.Fit(ChinchillaLaw.Instance, ScalingData.From(rows!), new FitOptions { MaxStarts = 20, MaxIterations = 3 });
        Assert.Equal(FitStatus.NotConverged, fit.Status);
        Assert.Contains(fit.Diagnostics, d => d.Code == "not-converged");
    }

    // Kaplan's L(N, D) on the Epoch data ends in an ill-conditioned valley with a gradient of ~2e-6 of the
    // objective, but a Newton step would gain nothing measurable: no "stopped early" warning.
    [SkippableFact]
    public void Fit_IllConditionedButConverged_DoesNotWarnAboutTheGradient()
    {
        var rows = EpochChinchilla.Load240();
        Skip.If(rows is null, SharedData.Missing);
        var fit = Fitter.Fit(KaplanLaw.Instance, ScalingData.From(rows!));
        Assert.Equal(FitStatus.Converged, fit.Status);
        Assert.DoesNotContain(fit.Diagnostics, d => d.Code == "gradient-not-small");
    }

    [Fact]
    public void Fit_StoppedEarly_WarnsWithTheNewtonGain()
    {
        // Hoffmann's law on a 6×6 grid with 1e-4 log noise, started within 2e-4 of the truth and stopped after two
        // iterations: every residual lies inside the Huber zone, the Hessian is positive definite, and the
        // warning says how much a Newton step would still gain.
        var law = ChinchillaLaw.Instance;
        var truth = law.FromNamed(new Dictionary<string, double> { ["E"] = 1.69, ["A"] = 406.4, ["B"] = 410.7, ["alpha"] = 0.34, ["beta"] = 0.28 });
        var rows = new List<Observation>();
        int k = 0;
        foreach (var n in new[] { 1e8, 3e8, 1e9, 3e9, 1e10, 3e10 })
        foreach (var d in new[] { 2e9, 6e9, 2e10, 6e10, 2e11, 6e11 })
        {
            rows.Add(Observation.FromParametersAndTokens(n, d, law.Predict(truth, ScalingData.Point(n, d))[0] * Math.Exp(1e-4 * Math.Sin(7 * k++))));
        }
        var start = truth.Select((v, j) => v + (j == 3 || j == 4 ? 2e-5 : 2e-4)).ToArray();
        var fit = Fitter.Fit(law, ScalingData.From(rows), new FitOptions { Starts = [start], MaxIterations = 2 });
        var warning = Assert.Single(fit.Diagnostics, d => d.Code == "gradient-not-small");
        Assert.Contains("a Newton step would lower it by", warning.Message);
    }
}
